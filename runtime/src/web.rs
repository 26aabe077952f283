//! Natives behind the web-platform classes of `js/url.js`, `js/crypto.js` and the
//! compression streams: WHATWG URL parsing (the `url` crate, whose `quirks` module is the
//! URL standard's API), `application/x-www-form-urlencoded`, digests, random bytes and
//! deflate/gzip codecs.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write;

use rquickjs::{Ctx, Object, Result, TypedArray, Value};
use url::{quirks, Url};

use crate::binding::throw_coded;

/// The components JS keeps for a URL, in this order.
fn components(url: &Url) -> Vec<String> {
    vec![
        quirks::href(url).to_owned(),
        quirks::protocol(url).to_owned(),
        quirks::username(url).to_owned(),
        quirks::password(url).to_owned(),
        quirks::host(url).to_owned(),
        quirks::hostname(url).to_owned(),
        quirks::port(url).to_owned(),
        quirks::pathname(url).to_owned(),
        quirks::search(url).to_owned(),
        quirks::hash(url).to_owned(),
        quirks::origin(url),
    ]
}

/// `urlParse(input, base)`: the components, or `null` when either does not parse.
pub fn url_parse(input: String, base: Option<String>) -> Option<Vec<String>> {
    let url = match base {
        Some(base) => Url::parse(&base).ok()?.join(&input).ok()?,
        None => Url::parse(&input).ok()?,
    };
    Some(components(&url))
}

/// `urlSet(href, field, value)`: the components after the URL standard's setter; a
/// setter that fails leaves the URL as it was (as the standard says).
pub fn url_set(ctx: Ctx<'_>, href: String, field: String, value: String) -> Result<Vec<String>> {
    let Ok(mut url) = Url::parse(&href) else {
        return throw_coded(&ctx, "ERR_INVALID_URL", "Invalid URL");
    };
    match field.as_str() {
        "href" => match quirks::set_href(&mut url, &value) {
            Ok(()) => {}
            Err(_) => return throw_coded(&ctx, "ERR_INVALID_URL", "Invalid URL"),
        },
        "protocol" => drop(quirks::set_protocol(&mut url, &value)),
        "username" => drop(quirks::set_username(&mut url, &value)),
        "password" => drop(quirks::set_password(&mut url, &value)),
        "host" => drop(quirks::set_host(&mut url, &value)),
        "hostname" => drop(quirks::set_hostname(&mut url, &value)),
        "port" => drop(quirks::set_port(&mut url, &value)),
        "pathname" => quirks::set_pathname(&mut url, &value),
        "search" => quirks::set_search(&mut url, &value),
        "hash" => quirks::set_hash(&mut url, &value),
        _ => return throw_coded(&ctx, "ERR_INVALID_ARG_VALUE", "unknown URL field"),
    }
    Ok(components(&url))
}

/// `formParse(query)`: `[name, value, ...]` of an urlencoded string (no leading `?`).
pub fn form_parse(query: String) -> Vec<String> {
    url::form_urlencoded::parse(query.as_bytes())
        .flat_map(|(k, v)| [k.into_owned(), v.into_owned()])
        .collect()
}

/// `formSerialize([name, value, ...])`.
pub fn form_serialize(flat: Vec<String>) -> String {
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    for pair in flat.chunks_exact(2) {
        out.append_pair(&pair[0], &pair[1]);
    }
    out.finish()
}

/// `randomFill(view)`: fills a `Uint8Array` (over any integer typed array's bytes) from
/// the kernel's CSPRNG.
pub fn random_fill(ctx: Ctx<'_>, view: Value<'_>) -> Result<()> {
    let array = TypedArray::<u8>::from_value(view)?;
    let Some(raw) = array.as_raw() else {
        return throw_coded(&ctx, "ERR_INVALID_STATE", "the buffer is detached");
    };
    // SAFETY: `raw` points at the live bytes of `array`, which this call keeps alive, and
    // no JS runs while they are written.
    let bytes = unsafe { &mut *raw.as_ptr() };
    let mut filled = 0;
    while filled < bytes.len() {
        let rest = &mut bytes[filled..];
        let n = unsafe { libc::getrandom(rest.as_mut_ptr().cast(), rest.len(), 0) };
        if n < 0 {
            let e = std::io::Error::last_os_error();
            if e.kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return throw_coded(&ctx, "ERR_CRYPTO_OPERATION_FAILED", &e.to_string());
        }
        filled += n as usize;
    }
    Ok(())
}

/// The digest algorithms `crypto.subtle.digest` and `createHash` share.
pub fn hash(algorithm: &str, data: &[u8]) -> Option<Vec<u8>> {
    use sha2::Digest;
    Some(match algorithm {
        "sha1" => sha1::Sha1::digest(data).to_vec(),
        "sha256" => sha2::Sha256::digest(data).to_vec(),
        "sha384" => sha2::Sha384::digest(data).to_vec(),
        "sha512" => sha2::Sha512::digest(data).to_vec(),
        _ => return None,
    })
}

/// `digest(algorithm, bytes)`: algorithm in lower case without the dash (`sha256`).
pub fn digest<'js>(
    ctx: Ctx<'js>,
    algorithm: String,
    data: Value<'js>,
) -> Result<TypedArray<'js, u8>> {
    let bytes = crate::binding::bytes_of(&data)?;
    match hash(&algorithm, &bytes) {
        Some(out) => TypedArray::new(ctx, out),
        None => throw_coded(
            &ctx,
            "ERR_CRYPTO_INVALID_DIGEST",
            &format!("Invalid digest: {algorithm}"),
        ),
    }
}

/// A running hash for `createHash().update().digest()`.
enum Hasher {
    Sha1(sha1::Sha1),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

/// A deflate-family codec for `CompressionStream` / `DecompressionStream` and zlib.
enum Codec {
    Gzip(flate2::write::GzEncoder<Vec<u8>>),
    Zlib(flate2::write::ZlibEncoder<Vec<u8>>),
    Raw(flate2::write::DeflateEncoder<Vec<u8>>),
    Gunzip(flate2::write::GzDecoder<Vec<u8>>),
    Unzlib(flate2::write::ZlibDecoder<Vec<u8>>),
    Unraw(flate2::write::DeflateDecoder<Vec<u8>>),
}

enum Handle {
    Hasher(Box<Hasher>),
    Codec(Box<Codec>),
}

thread_local! {
    static HANDLES: RefCell<(u64, HashMap<u64, Handle>)> = RefCell::new((0, HashMap::new()));
}

fn insert(handle: Handle) -> f64 {
    HANDLES.with(|h| {
        let mut h = h.borrow_mut();
        h.0 += 1;
        let id = h.0;
        h.1.insert(id, handle);
        id as f64
    })
}

/// `hashNew(algorithm)`: a handle, or `-1` for an unknown algorithm.
pub fn hash_new(algorithm: String) -> f64 {
    use sha2::Digest;
    let hasher = match algorithm.as_str() {
        "sha1" => Hasher::Sha1(sha1::Sha1::new()),
        "sha256" => Hasher::Sha256(sha2::Sha256::new()),
        "sha384" => Hasher::Sha384(sha2::Sha384::new()),
        "sha512" => Hasher::Sha512(sha2::Sha512::new()),
        _ => return -1.0,
    };
    insert(Handle::Hasher(Box::new(hasher)))
}

/// `hashUpdate(handle, bytes)`.
pub fn hash_update(handle: f64, data: Value<'_>) -> Result<()> {
    use sha2::Digest;
    let bytes = crate::binding::bytes_of(&data)?;
    HANDLES.with(|h| {
        if let Some(Handle::Hasher(hasher)) = h.borrow_mut().1.get_mut(&(handle as u64)) {
            match hasher.as_mut() {
                Hasher::Sha1(x) => x.update(&bytes),
                Hasher::Sha256(x) => x.update(&bytes),
                Hasher::Sha384(x) => x.update(&bytes),
                Hasher::Sha512(x) => x.update(&bytes),
            }
        }
    });
    Ok(())
}

/// `hashDigest(handle)`: the digest; the handle is gone afterwards.
pub fn hash_digest<'js>(ctx: Ctx<'js>, handle: f64) -> Result<TypedArray<'js, u8>> {
    use sha2::Digest;
    let out = HANDLES.with(|h| match h.borrow_mut().1.remove(&(handle as u64)) {
        Some(Handle::Hasher(hasher)) => match *hasher {
            Hasher::Sha1(x) => x.finalize().to_vec(),
            Hasher::Sha256(x) => x.finalize().to_vec(),
            Hasher::Sha384(x) => x.finalize().to_vec(),
            Hasher::Sha512(x) => x.finalize().to_vec(),
        },
        _ => Vec::new(),
    });
    TypedArray::new(ctx, out)
}

/// `codecNew(format, compress)`: format is `gzip`, `deflate` or `deflate-raw`; `-1` for
/// any other.
pub fn codec_new(format: String, compress: bool) -> f64 {
    use flate2::Compression;
    let level = Compression::default();
    let codec = match (format.as_str(), compress) {
        ("gzip", true) => Codec::Gzip(flate2::write::GzEncoder::new(Vec::new(), level)),
        ("deflate", true) => Codec::Zlib(flate2::write::ZlibEncoder::new(Vec::new(), level)),
        ("deflate-raw", true) => Codec::Raw(flate2::write::DeflateEncoder::new(Vec::new(), level)),
        ("gzip", false) => Codec::Gunzip(flate2::write::GzDecoder::new(Vec::new())),
        ("deflate", false) => Codec::Unzlib(flate2::write::ZlibDecoder::new(Vec::new())),
        ("deflate-raw", false) => Codec::Unraw(flate2::write::DeflateDecoder::new(Vec::new())),
        _ => return -1.0,
    };
    insert(Handle::Codec(Box::new(codec)))
}

/// `codecWrite(handle, bytes, finish)`: the output so far; with `finish` the stream is
/// ended and the handle released. Corrupt input throws a `TypeError`, as the
/// Compression Streams standard asks.
pub fn codec_write<'js>(
    ctx: Ctx<'js>,
    handle: f64,
    data: Value<'js>,
    finish: bool,
) -> Result<TypedArray<'js, u8>> {
    let bytes = if data.is_undefined() {
        Vec::new()
    } else {
        crate::binding::bytes_of(&data)?
    };
    let result = HANDLES.with(|h| {
        let mut h = h.borrow_mut();
        let Some(Handle::Codec(codec)) = h.1.get_mut(&(handle as u64)) else {
            return Err(std::io::Error::other("the stream is closed"));
        };
        fn step<W: Write>(
            w: &mut W,
            out: impl Fn(&mut W) -> &mut Vec<u8>,
            bytes: &[u8],
        ) -> std::io::Result<Vec<u8>> {
            w.write_all(bytes)?;
            Ok(std::mem::take(out(w)))
        }
        let mut out = match codec.as_mut() {
            Codec::Gzip(w) => step(w, |w| w.get_mut(), &bytes)?,
            Codec::Zlib(w) => step(w, |w| w.get_mut(), &bytes)?,
            Codec::Raw(w) => step(w, |w| w.get_mut(), &bytes)?,
            Codec::Gunzip(w) => step(w, |w| w.get_mut(), &bytes)?,
            Codec::Unzlib(w) => step(w, |w| w.get_mut(), &bytes)?,
            Codec::Unraw(w) => step(w, |w| w.get_mut(), &bytes)?,
        };
        if finish {
            let Some(Handle::Codec(codec)) = h.1.remove(&(handle as u64)) else {
                unreachable!("checked above");
            };
            let rest = match *codec {
                Codec::Gzip(w) => w.finish()?,
                Codec::Zlib(w) => w.finish()?,
                Codec::Raw(w) => w.finish()?,
                Codec::Gunzip(w) => w.finish()?,
                Codec::Unzlib(w) => w.finish()?,
                Codec::Unraw(w) => w.finish()?,
            };
            out.extend_from_slice(&rest);
        }
        Ok(out)
    });
    match result {
        Ok(out) => TypedArray::new(ctx, out),
        Err(e) => {
            HANDLES.with(|h| h.borrow_mut().1.remove(&(handle as u64)));
            let ctor: rquickjs::function::Constructor = ctx.globals().get("TypeError")?;
            let err: Object =
                ctor.construct((format!("The compressed data is not valid: {e}"),))?;
            err.set("code", "Z_DATA_ERROR")?;
            Err(ctx.throw(err.into_value()))
        }
    }
}

/// `urlPatternParse(inputJson, baseURL, ignoreCase)`: the JSON of the pattern's
/// components (pattern string, ECMAScript regexp string, group names), as the URL
/// Pattern standard computes them (the `urlpattern` crate, as Deno uses it); matching
/// then runs on the JS RegExp engine.
pub fn url_pattern_parse(
    ctx: Ctx<'_>,
    input: String,
    base: Option<String>,
    ignore_case: bool,
) -> Result<String> {
    use urlpattern::quirks;
    let parsed = serde_json::from_str::<quirks::StringOrInit>(&input)
        .map_err(|e| e.to_string())
        .and_then(|input| {
            quirks::process_construct_pattern_input(input, base.as_deref())
                .map_err(|e| e.to_string())
        })
        .and_then(|init| {
            quirks::parse_pattern(init, urlpattern::UrlPatternOptions { ignore_case })
                .map_err(|e| e.to_string())
        });
    match parsed {
        Ok(pattern) => Ok(serde_json::to_string(&pattern).unwrap_or_default()),
        Err(e) => throw_coded(
            &ctx,
            "ERR_INVALID_URL_PATTERN",
            &format!("Invalid URL pattern: {e}"),
        ),
    }
}

/// `urlPatternMatchInput(inputJson, baseURL)`: the JSON of `[components, [input, base]]`
/// for matching, or `null` when the input is not a URL.
pub fn url_pattern_match_input(
    ctx: Ctx<'_>,
    input: String,
    base: Option<String>,
) -> Result<String> {
    use urlpattern::quirks;
    let input = match serde_json::from_str::<quirks::StringOrInit>(&input) {
        Ok(i) => i,
        Err(e) => return throw_coded(&ctx, "ERR_INVALID_ARG_TYPE", &e.to_string()),
    };
    match quirks::process_match_input(input, base.as_deref()) {
        Ok(Some((match_input, inputs))) => match quirks::parse_match_input(match_input) {
            Some(components) => {
                Ok(serde_json::to_string(&(components, inputs)).unwrap_or_default())
            }
            None => Ok("null".into()),
        },
        Ok(None) => Ok("null".into()),
        Err(e) => throw_coded(&ctx, "ERR_INVALID_ARG_VALUE", &e.to_string()),
    }
}

/// Registers the natives on the binding object.
pub fn register<'js>(ctx: &Ctx<'js>, b: &Object<'js>) -> Result<()> {
    use rquickjs::Function;
    b.set("urlParse", Function::new(ctx.clone(), url_parse)?)?;
    b.set("urlSet", Function::new(ctx.clone(), url_set)?)?;
    b.set("formParse", Function::new(ctx.clone(), form_parse)?)?;
    b.set("formSerialize", Function::new(ctx.clone(), form_serialize)?)?;
    b.set("randomFill", Function::new(ctx.clone(), random_fill)?)?;
    b.set("digest", Function::new(ctx.clone(), digest)?)?;
    b.set("hashNew", Function::new(ctx.clone(), hash_new)?)?;
    b.set("hashUpdate", Function::new(ctx.clone(), hash_update)?)?;
    b.set("hashDigest", Function::new(ctx.clone(), hash_digest)?)?;
    b.set("codecNew", Function::new(ctx.clone(), codec_new)?)?;
    b.set("codecWrite", Function::new(ctx.clone(), codec_write)?)?;
    b.set(
        "urlPatternParse",
        Function::new(ctx.clone(), url_pattern_parse)?,
    )?;
    b.set(
        "urlPatternMatchInput",
        Function::new(ctx.clone(), url_pattern_match_input)?,
    )?;
    Ok(())
}
