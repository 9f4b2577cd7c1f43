//! The plan's fingerprint: a SHA-256 hash of its content in a canonical JSON form, so "changed
//! since it was signed off" is one comparison.
//!
//! SHA-256 is written out here (it is short, and checked against the FIPS 180-4 examples) rather
//! than adding a crate for one function. The canonical form is documented so that a host can
//! recompute a fingerprint, say with SubtleCrypto: the plan as JSON without `signoff`, `reviews`
//! and `nextId`; object keys sorted by their UTF-8 bytes at every level; no whitespace; strings
//! escaped as serde_json writes them (as `JSON.stringify` does, for the strings and whole numbers
//! a plan holds); the hash taken over the UTF-8 bytes.

use super::document::Plan;
use serde_json::Value;

/// The plan's fingerprint, `sha256:` and 64 hex digits.
///
/// It covers what the person and the practitioner agreed: the title, the blocks, the budget,
/// `complex` and any fields the kit does not know. It leaves out the sign-off itself (it cannot
/// contain its own hash), the reviews (a review happens after sign-off by nature, and recording
/// one is not a change to the plan), and the id counter (adding and removing a block leaves the
/// content as it was).
pub fn fingerprint(plan: &Plan) -> String {
    let mut value = plan.content_value();
    if let Value::Object(map) = &mut value {
        map.remove("signoff");
        map.remove("reviews");
        map.remove("nextId");
        map.remove("merge");
    }
    of_value(&value)
}

/// The fingerprint of any JSON value in the same canonical form (`sha256:` and 64 hex digits):
/// a draft of a record keeps its schema's, to tell when the form has changed since.
pub fn of_value(value: &Value) -> String {
    let mut text = String::new();
    canonical(value, &mut text);
    let digest = sha256(text.as_bytes());
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for byte in digest {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

/// Writes `value` with object keys sorted and no whitespace.
fn canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                canonical(&map[key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/// SHA-256 of `data` as 64 lowercase hex digits.
pub(crate) fn sha256_hex(data: &[u8]) -> String {
    let mut out = String::with_capacity(64);
    for byte in sha256(data) {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

/// SHA-256 (FIPS 180-4) of `data`.
fn sha256(data: &[u8]) -> [u8; 32] {
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let bit_len = (data.len() as u64).wrapping_mul(8);
    let mut message = data.to_vec();
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&bit_len.to_be_bytes());
    for chunk in message.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in chunk.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (slot, add) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *slot = slot.wrapping_add(add);
        }
    }
    let mut out = [0u8; 32];
    for (i, word) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&word.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: [u8; 32]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn sha256_test_vectors() {
        // FIPS 180-4 examples, plus lengths either side of the padding boundary.
        let cases: [(&[u8], &str); 4] = [
            (
                b"",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ),
            (
                b"abc",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
            (
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            ),
            (
                b"The quick brown fox jumps over the lazy dog",
                "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(hex(sha256(input)), expected);
        }
        let million_a = vec![b'a'; 1_000_000];
        assert_eq!(
            hex(sha256(&million_a)),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
    }

    #[test]
    fn canonical_form_sorts_keys_at_every_level() {
        let value = serde_json::json!({"b": 1, "a": {"d": [true, null, "x\"y"], "c": 2}});
        let mut out = String::new();
        canonical(&value, &mut out);
        assert_eq!(out, r#"{"a":{"c":2,"d":[true,null,"x\"y"]},"b":1}"#);
    }

    #[test]
    fn leaves_out_signoff_reviews_and_the_counter() {
        let mut plan = Plan::new("My plan");
        let before = fingerprint(&plan);
        assert!(before.starts_with("sha256:") && before.len() == 71);
        plan.next_id = 99;
        plan.reviews
            .push(serde_json::from_str(r#"{"id": "r1"}"#).unwrap());
        assert_eq!(fingerprint(&plan), before);
        plan.title.push('!');
        assert_ne!(fingerprint(&plan), before);
    }
}
