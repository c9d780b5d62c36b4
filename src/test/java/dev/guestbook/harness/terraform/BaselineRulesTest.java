package dev.guestbook.harness.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BaselineRulesTest {

  @Test
  void tls12AndNewerPoliciesAreModern() {
    for (String policy :
        new String[] {
          "ELBSecurityPolicy-TLS13-1-2-2021-06",
          "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
          "ELBSecurityPolicy-TLS13-1-3-2021-06",
          "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
          "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
          "ELBSecurityPolicy-TLS-1-2-2017-01",
          "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
          "ELBSecurityPolicy-FS-1-2-Res-2020-10"
        }) {
      assertThat(BaselineRules.modernTlsPolicy(policy)).as(policy).isTrue();
    }
  }

  @Test
  void tls10And11PoliciesAndTheProvidersDefaultAreNot() {
    for (String policy :
        new String[] {
          "ELBSecurityPolicy-2016-08",
          "ELBSecurityPolicy-2015-05",
          "ELBSecurityPolicy-TLS-1-0-2015-04",
          "ELBSecurityPolicy-TLS-1-1-2017-01",
          "ELBSecurityPolicy-FS-2018-06",
          "ELBSecurityPolicy-FS-1-1-2019-08",
          "ELBSecurityPolicy-TLS13-1-0-2021-06",
          "ELBSecurityPolicy-TLS13-1-1-2021-06",
          ""
        }) {
      assertThat(BaselineRules.modernTlsPolicy(policy)).as(policy).isFalse();
    }
    assertThat(BaselineRules.modernTlsPolicy(null)).isFalse();
  }
}
