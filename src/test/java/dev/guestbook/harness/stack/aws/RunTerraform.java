package dev.guestbook.harness.stack.aws;

import dev.guestbook.harness.config.AwsSettings;
import dev.guestbook.harness.process.CommandFailedException;
import dev.guestbook.harness.process.CommandResult;
import dev.guestbook.harness.terraform.TerraformCli;
import dev.guestbook.harness.terraform.TerraformOutputs;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The run's Terraform commands, each on the run's own copy with the run's variables: init (with the
 * run's state key in a remote backend), the ECR repository first, then the whole stack.
 *
 * @param terraform the CLI, logging to the run's log
 * @param run the run's directory and variables
 * @param settings where the provider and the backend come from
 * @param runId the run
 */
record RunTerraform(TerraformCli terraform, RunDirectory run, AwsSettings settings, String runId) {

  private static final List<String> ECR_TARGETS =
      List.of("aws_ecr_repository.app", "aws_ecr_lifecycle_policy.app");

  void init() {
    tryInit().orThrow("terraform init");
  }

  /** {@code terraform init}, its result as it is: the sweep goes on when it fails. */
  CommandResult tryInit() {
    return terraform.init(
        run.terraform(),
        settings.pluginDir().map(Path::of),
        settings.backendConfig(),
        RunDirectory.backendKey(settings.namePrefix(), runId));
  }

  /** Only the ECR repository (and its lifecycle policy): the image needs it first. */
  String applyRepository() {
    terraform.apply(run.terraform(), run.variables(), ECR_TARGETS).orThrow("terraform apply (ECR)");
    return terraform.output(run.terraform(), "ecr_repository_url");
  }

  /**
   * The whole stack, running {@code image}. An account that refuses the stack outright is named in
   * the error's first line ({@link #accountRefusal}), not left in terraform's last lines.
   */
  TerraformOutputs applyAll(String image) {
    run.set("image", image);
    CommandResult applied = terraform.apply(run.terraform(), run.variables());
    if (!applied.ok()) {
      accountRefusal(applied.output())
          .ifPresent(
              why -> {
                throw new CommandFailedException("terraform apply: " + why, applied);
              });
    }
    applied.orThrow("terraform apply");
    return terraform.outputs(run.terraform());
  }

  /**
   * What AWS refuses of this account, not of the configuration, said as such: a brand-new account
   * may not create load balancers ({@code OperationNotPermitted: This AWS account currently does
   * not support creating load balancers}) until AWS enables them.
   */
  static Optional<String> accountRefusal(String applyOutput) {
    if (applyOutput.toLowerCase(Locale.ROOT).contains("does not support creating load balancers")) {
      return Optional.of(
          "the AWS account refuses to create load balancers (\"does not support creating load"
              + " balancers\"), as a new account may until AWS enables them: ask AWS Support to"
              + " enable Elastic Load Balancing for the account, then run again; nothing in the"
              + " configuration is at fault");
    }
    return Optional.empty();
  }

  String showJson() {
    return terraform.showJson(run.terraform());
  }
}
