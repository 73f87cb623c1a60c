package dev.nkms.crypto.ec;

import static dev.nkms.crypto.TestFixtures.randomScalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SecretMultiplierTest {

  @Test
  void blindedProductsEqualPlainProducts() {
    SplittableRandom rnd = new SplittableRandom(20);
    for (int i = 0; i < 30; i++) {
      Point p = Point.mulG(randomScalar(rnd));
      Point q = Point.mulG(randomScalar(rnd));
      Scalar a = randomScalar(rnd);
      Scalar b = randomScalar(rnd);
      SecretMultiplier m = SecretMultiplier.fresh();
      SecretMultiplier.Blinded bp = m.blind(p);
      SecretMultiplier.Blinded bq = m.blind(q);
      assertThat(bp.times(a)).isEqualTo(p.mulPublic(a));
      assertThat(bp.times(b)).isEqualTo(p.mulPublic(b));
      assertThat(bq.times(a)).isEqualTo(q.mulPublic(a));
    }
  }

  @Test
  void blindedScalarsSumThenUnblindToTheLinearCombination() {
    SplittableRandom rnd = new SplittableRandom(21);
    for (int trial = 0; trial < 10; trial++) {
      SecretMultiplier m = SecretMultiplier.fresh();
      Point blindedSum = null;
      Point plainSum = null;
      for (int i = 0; i < 5; i++) {
        Point base = Point.mulG(randomScalar(rnd));
        Scalar k = randomScalar(rnd);
        Point blindedTerm = base.mulPublic(m.blindScalar(k));
        Point plainTerm = base.mulPublic(k);
        blindedSum = blindedSum == null ? blindedTerm : blindedSum.add(blindedTerm);
        plainSum = plainSum == null ? plainTerm : plainSum.add(plainTerm);
      }
      assertThat(blindedSum).isNotEqualTo(plainSum);
      assertThat(m.unblind(blindedSum)).isEqualTo(plainSum);
    }
  }

  @Test
  void eachInstanceUsesAFreshBlind() {
    Point g = Point.generator();
    Scalar k = Scalar.ONE;
    SecretMultiplier m1 = SecretMultiplier.fresh();
    SecretMultiplier m2 = SecretMultiplier.fresh();
    // blindScalar(1) = w⁻¹: two fresh instances agree with probability 1/n.
    assertThat(m1.blindScalar(k)).isNotEqualTo(m2.blindScalar(k));
    assertThat(m1.blindScalar(k)).isNotEqualTo(k);
    // …and each blind undoes itself: w·(w⁻¹·G) = G.
    assertThat(m1.unblind(g.mulPublic(m1.blindScalar(k)))).isEqualTo(g);
    assertThat(m2.unblind(g.mulPublic(m1.blindScalar(k)))).isNotEqualTo(g);
  }

  @Test
  void zeroSecretIsInfinity() {
    SecretMultiplier.Blinded b = SecretMultiplier.fresh().blind(Point.generator());
    assertThatThrownBy(() -> b.times(Scalar.ZERO)).isInstanceOf(PointAtInfinityException.class);
  }
}
