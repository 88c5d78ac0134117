//! Whether an elliptic-curve public key lies on its curve (SEC 1 v2 §3.2.2.1,
//! steps 2-3): both coordinates are field elements, below the prime `p`, and
//! satisfy the short Weierstrass equation `y² = x³ + ax + b (mod p)`.
//!
//! The curves are the EC curves a JWK can name: P-256, P-384 and P-521 (FIPS
//! 186-4 §D.1.2, `a = p - 3`) and secp256k1 (SEC 2 §2.4.1, `a = 0`). The check is
//! exact big-integer arithmetic on public values only; it is not constant-time,
//! and needs not be.

use num_bigint::BigUint;

/// A curve's equation: the prime, and `a`, `b` of `y² = x³ + ax + b`, as hex.
struct Equation {
    p: &'static str,
    /// `None` means `p - 3`.
    a: Option<&'static str>,
    b: &'static str,
}

fn equation(crv: &str) -> Option<Equation> {
    Some(match crv {
        "P-256" => Equation {
            p: "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
            a: None,
            b: "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b",
        },
        "P-384" => Equation {
            p: "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff",
            a: None,
            b: "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef",
        },
        "P-521" => Equation {
            p: "1ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
            a: None,
            b: "0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00",
        },
        "secp256k1" => Equation {
            p: "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f",
            a: Some("0"),
            b: "7",
        },
        _ => return None,
    })
}

fn hex(s: &str) -> BigUint {
    // The constants above are valid hex: a parse failure is a typo caught by the tests.
    BigUint::parse_bytes(s.as_bytes(), 16).unwrap_or_default()
}

/// Why the point (`x`, `y`), big-endian octets, is not a public key on `crv`;
/// `None` when it is one, or when `crv` is not a curve this module knows.
pub fn point_problem(crv: &str, x: &[u8], y: &[u8]) -> Option<&'static str> {
    let eq = equation(crv)?;
    let p = hex(eq.p);
    let (x, y) = (BigUint::from_bytes_be(x), BigUint::from_bytes_be(y));
    if x >= p || y >= p {
        return Some("a coordinate is not below the field prime");
    }
    let a = match eq.a {
        Some(a) => hex(a),
        None => &p - 3u32,
    };
    let lhs = (&y * &y) % &p;
    let rhs = (&x * &x * &x + &a * &x + hex(eq.b)) % &p;
    (lhs != rhs).then_some("the point (x, y) does not satisfy the curve equation")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
            .collect()
    }

    /// Each curve's base point (FIPS 186-4 §D.1.2, SEC 2 §2.4.1) is on it; the
    /// same point with `y` changed by one is not.
    #[test]
    fn base_points_are_on_their_curves() {
        let points = [
            (
                "P-256",
                "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
                "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5",
            ),
            (
                "P-384",
                "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7",
                "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f",
            ),
            (
                "P-521",
                "00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66",
                "011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650",
            ),
            (
                "secp256k1",
                "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
                "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8",
            ),
        ];
        for (crv, x, y) in points {
            let (x, mut y) = (unhex(x), unhex(y));
            assert_eq!(point_problem(crv, &x, &y), None, "{crv}");
            *y.last_mut().unwrap() ^= 1;
            assert!(point_problem(crv, &x, &y).is_some(), "{crv}");
        }
    }

    /// Keys ring generates are on their curves, and ring agrees with this
    /// module about a tampered point.
    #[test]
    fn agrees_with_ring() {
        use ring::agreement::{self, EphemeralPrivateKey, UnparsedPublicKey};
        use ring::rand::SystemRandom;
        let rng = SystemRandom::new();
        for (crv, alg, len) in [
            ("P-256", &agreement::ECDH_P256, 32),
            ("P-384", &agreement::ECDH_P384, 48),
        ] {
            let key = EphemeralPrivateKey::generate(alg, &rng).expect("key");
            let public = key.compute_public_key().expect("public");
            let point = public.as_ref();
            let (x, y) = (&point[1..1 + len], &point[1 + len..]);
            assert_eq!(point_problem(crv, x, y), None, "{crv}");
            let mut bad = point.to_vec();
            *bad.last_mut().unwrap() ^= 1;
            let ours = point_problem(crv, &bad[1..1 + len], &bad[1 + len..]);
            let mine = EphemeralPrivateKey::generate(alg, &rng).expect("key");
            let theirs =
                agreement::agree_ephemeral(mine, &UnparsedPublicKey::new(alg, &bad), |_| ());
            assert!(ours.is_some() && theirs.is_err(), "{crv}");
        }
    }

    #[test]
    fn coordinates_must_be_field_elements() {
        let p = unhex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
        assert_eq!(
            point_problem("P-256", &p, &[0; 32]),
            Some("a coordinate is not below the field prime")
        );
        assert_eq!(point_problem("Ed25519", &[0; 32], &[0; 32]), None);
    }
}
