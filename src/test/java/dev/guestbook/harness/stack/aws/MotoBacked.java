package dev.guestbook.harness.stack.aws;

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

  @AfterAll
  final void stopMoto() {
    if (moto != null) {
      moto.close();
    }
  }
}
