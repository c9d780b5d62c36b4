package dev.guestbook.harness.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

  @Test
  void masksKeyIdsSecretsAndGivenTokens() {
    Redactor redactor = new Redactor(List.of("ecr-token-value-123456"));
    String text =
        "key AKIAIOSFODNN7EXAMPLE session ASIAIOSFODNN7EXAMPLE aws_secret_access_key = wJalrXUtnFEMI/K7MDENG "
            + "password: hunter22 token ecr-token-value-123456 end";
    String shown = redactor.redact(text);
    assertThat(shown)
        .doesNotContain("IOSFODNN7EXAMPLE", "wJalrXUtnFEMI", "hunter22", "ecr-token-value-123456")
        .contains(
            "AKIA****************",
            "aws_secret_access_key = ****",
            "password: ****",
            "token **** end");
  }

  @Test
  void leavesOrdinaryTextAlone() {
    assertThat(new Redactor(List.of()).redact("Apply complete! Resources: 42 added"))
        .isEqualTo("Apply complete! Resources: 42 added");
  }
}
