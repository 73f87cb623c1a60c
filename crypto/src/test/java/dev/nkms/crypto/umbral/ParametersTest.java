package dev.nkms.crypto.umbral;

import static dev.nkms.crypto.TestFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.crypto.ec.Point;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ParametersTest {

  @Test
  void uIsTheSpecConstant() {
    // Spec §2.4 / §7.1. (Secp256k1HashToCurveTest re-derives it with RFC 9380.)
    assertThat(hex(Parameters.u().toCompressed()))
        .isEqualTo("03079390d0fbe220fc34aab8ecbf49098098036820fadb98c03143e55db8ec73cd");
    assertThat(Parameters.u().coordinates()[1])
        .isEqualTo(
            new BigInteger("7ea50b219da86a70e8489413e4b9388afb63ac6f26e5ec2cfdd983b83f0e84e7", 16));
    assertThat(Parameters.U_BYTES).isEqualTo(Parameters.u().toCompressed());
  }

  @Test
  void uIsNotGOrMinusG() {
    assertThat(Parameters.u())
        .isNotEqualTo(Point.generator())
        .isNotEqualTo(Point.generator().negate());
    assertThat(Parameters.u()).isSameAs(Parameters.u());
  }
}
