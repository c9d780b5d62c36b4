package dev.guestbook.harness.stack.aws;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A test class against moto: one container of its own for the class ({@link MotoForTests}), the
 * harness's clients and an EC2 client for setting up what its tests need; skipped, saying so,
 * without a Docker engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MotoBacked {

  private final String what;
  private MotoForTests moto;
  protected AwsClients clients;
  protected Ec2Client ec2;
  private final List<AwsClients> enforcedClients = new ArrayList<>();
  private final List<Ec2Client> enforcedEc2 = new ArrayList<>();

  /**
   * @param what the tests the class holds, for the skip reason ("the sweep among other runs")
   */
  MotoBacked(String what) {
    this.what = what;
  }

  @BeforeAll
  final void startMoto() {
    moto = MotoForTests.start(what);
    clients = moto.clients();
    ec2 = moto.ec2();
  }

  /**
   * IAM enforced from now on ({@link MotoForTests#enforce}): {@link #clients} and {@link #ec2}
   * become the auditor's (the account owner's look); answers the CI principal's clients, which hold
   * the shipped policy.
   */
  protected final AwsClients enforce() {
    MotoForTests.Principals principals = moto.enforce();
    clients = principals.auditor();
    ec2 = principals.auditorEc2();
    enforcedClients.add(principals.ci());
    enforcedClients.add(principals.auditor());
    enforcedEc2.add(principals.auditorEc2());
    return principals.ci();
  }

  /** The emulator's refusals so far, one line each (empty when it refused nothing). */
  protected final List<String> denials() {
    return moto.denials();
  }

  @AfterAll
  final void stopMoto() {
    enforcedClients.forEach(AwsClients::close);
    enforcedEc2.forEach(Ec2Client::close);
    if (moto != null) {
      moto.close();
    }
  }
}
