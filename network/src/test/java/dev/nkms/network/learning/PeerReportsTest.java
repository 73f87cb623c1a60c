package dev.nkms.network.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.protocol.NodeAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Teachers' health reports on their own: a strict majority of the latest reports, of a bounded set
 * of teachers.
 */
class PeerReportsTest {
  private static NodeAddress address(int i) {
    byte[] b = new byte[NodeAddress.LENGTH];
    b[0] = (byte) i;
    return NodeAddress.of(b);
  }

  @Test
  void unhealthyTakesMoreThanHalfOfTheLatestReports() {
    PeerReports reports = new PeerReports();
    NodeAddress bad = address(100);
    assertThat(reports.unhealthy(bad)).as("no reports, no verdict").isFalse();
    reports.record(address(1), Set.of(bad));
    reports.record(address(2), Set.of());
    assertThat(reports.unhealthy(bad)).as("one of two is not more than half").isFalse();
    reports.record(address(3), Set.of(bad));
    assertThat(reports.unhealthyAmong(List.of(bad, address(101)))).containsExactly(bad);
    reports.record(address(1), Set.of()); // a teacher's newer report replaces its older one
    assertThat(reports.unhealthy(bad)).isFalse();
    reports.forget(address(2));
    assertThat(reports.unhealthy(bad))
        .as("one of two again, once a teacher is forgotten")
        .isFalse();
  }

  @Test
  void onlyTheLatestTeachersCount() {
    PeerReports reports = new PeerReports();
    NodeAddress bad = address(100);
    for (int i = 0; i < PeerReports.TEACHERS; i++) {
      reports.record(address(i), Set.of(bad));
    }
    assertThat(reports.unhealthy(bad)).isTrue();
    for (int i = 0; i < PeerReports.TEACHERS / 2 + 1; i++) {
      reports.record(address(50 + i), Set.of()); // the eldest reports drop out of the bound
    }
    assertThat(reports.unhealthy(bad)).isFalse();
  }
}
