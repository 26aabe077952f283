//! `btoa`/`atob` as the HTML spec defines them ("forgiving-base64").

/// The input cannot be encoded or decoded (the caller throws InvalidCharacterError).
#[derive(Debug, PartialEq, Eq)]
pub struct InvalidCharacter;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Encodes a string of code points ≤ U+00FF; `Err` for anything wider.
pub fn btoa(input: &str) -> Result<String, InvalidCharacter> {
    let bytes: Vec<u8> = input
        .chars()
        .map(|c| u8::try_from(u32::from(c)).map_err(|_| InvalidCharacter))
        .collect::<Result<_, _>>()?;
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    Ok(out)
}

/// Decodes per forgiving-base64: ASCII whitespace removed, optional padding checked.
pub fn atob(input: &str) -> Result<String, InvalidCharacter> {
    let mut data: Vec<u8> = input
        .bytes()
        .filter(|b| !matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' '))
        .collect();
    if !input.is_ascii() {
        return Err(InvalidCharacter);
    }
    if data.len().is_multiple_of(4) {
        if data.ends_with(b"==") {
            data.truncate(data.len() - 2);
        } else if data.ends_with(b"=") {
            data.truncate(data.len() - 1);
        }
    }
    if data.len() % 4 == 1 {
        return Err(InvalidCharacter);
    }
    let mut out = String::with_capacity(data.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    for b in data {
        let v = ALPHABET
            .iter()
            .position(|&a| a == b)
            .ok_or(InvalidCharacter)? as u32;
        buffer = (buffer << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(char::from(((buffer >> bits) & 0xff) as u8));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_edges() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("\u{ff}\u{0}", "/wA="),
        ] {
            assert_eq!(btoa(plain).unwrap(), encoded);
            assert_eq!(atob(encoded).unwrap(), plain);
        }
        assert!(btoa("€").is_err());
        assert_eq!(atob(" Zm 9v\n").unwrap(), "foo");
        assert_eq!(atob("Zg").unwrap(), "f");
        assert!(atob("Z").is_err());
        assert!(atob("Zg=").is_err());
        assert!(atob("Zm9v=").is_err());
        assert!(atob("Z!==").is_err());
    }
}
