package dev.guestbook.harness.stack.aws;

/**
 * What "our deployment succeeded" means.
 *
 * @param deploymentId the ECS deployment this run started (PRIMARY right after UpdateService)
 * @param imageDigest the digest this run pushed ({@code sha256:...}); every task must run it
 * @param desiredCount how many tasks must run, from the spec (2)
 */
public record RolloutExpectation(String deploymentId, String imageDigest, int desiredCount) {}
