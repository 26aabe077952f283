//! Bounded capture of a child's output: the first and last bytes are kept, the middle is
//! counted and dropped, so a runtime that floods its output cannot exhaust dyno's memory
//! while the error at the end of a long log is still seen.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

/// Captured bytes of one stream.
#[derive(Debug, Clone)]
pub struct Capture {
    head: Vec<u8>,
    tail: VecDeque<u8>,
    head_limit: usize,
    tail_limit: usize,
    total: u64,
}

impl Capture {
    /// Keeps up to `limit` bytes: half from the start, half from the end.
    pub fn new(limit: usize) -> Self {
        let head_limit = limit / 2;
        Capture {
            head: Vec::new(),
            tail: VecDeque::new(),
            head_limit,
            tail_limit: limit - head_limit,
            total: 0,
        }
    }

    pub fn push(&mut self, mut bytes: &[u8]) {
        self.total += bytes.len() as u64;
        if self.head.len() < self.head_limit {
            let take = (self.head_limit - self.head.len()).min(bytes.len());
            self.head.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
        }
        if self.tail_limit == 0 || bytes.is_empty() {
            return;
        }
        if bytes.len() >= self.tail_limit {
            self.tail.clear();
            self.tail
                .extend(bytes[bytes.len() - self.tail_limit..].iter().copied());
            return;
        }
        let overflow = (self.tail.len() + bytes.len()).saturating_sub(self.tail_limit);
        self.tail.drain(..overflow);
        self.tail.extend(bytes.iter().copied());
    }

    /// Total bytes the stream produced, kept or not.
    pub fn total_bytes(&self) -> u64 {
        self.total
    }

    /// Bytes counted but not kept.
    pub fn dropped_bytes(&self) -> u64 {
        self.total - (self.head.len() + self.tail.len()) as u64
    }

    /// The kept text (lossy UTF-8), with a marker where bytes were dropped.
    pub fn text(&self) -> String {
        let mut out = String::from_utf8_lossy(&self.head).into_owned();
        let dropped = self.dropped_bytes();
        if dropped > 0 {
            out.push_str(&format!("\n[... {dropped} bytes dropped by dyno ...]\n"));
        }
        let tail: Vec<u8> = self.tail.iter().copied().collect();
        out.push_str(&String::from_utf8_lossy(&tail));
        out
    }

    /// The last `n` characters of the kept text (for compact failure reports).
    pub fn tail_text(&self, n: usize) -> String {
        let text = self.text();
        let start = text
            .char_indices()
            .rev()
            .nth(n.saturating_sub(1))
            .map_or(0, |(i, _)| i);
        text[start..].to_owned()
    }

    pub fn summary(&self, tail_chars: usize) -> CaptureRecord {
        CaptureRecord {
            total_bytes: self.total,
            dropped_bytes: self.dropped_bytes(),
            tail: self.tail_text(tail_chars),
        }
    }
}

/// What a results file keeps of a stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaptureRecord {
    /// Bytes the stream produced in all.
    pub total_bytes: u64,
    /// Bytes dyno counted and dropped because of the capture cap.
    pub dropped_bytes: u64,
    /// The end of the captured text.
    pub tail: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_everything_under_the_limit() {
        let mut c = Capture::new(10);
        c.push(b"abc");
        c.push(b"de");
        assert_eq!(c.text(), "abcde");
        assert_eq!(c.dropped_bytes(), 0);
    }

    #[test]
    fn keeps_head_and_tail_over_the_limit() {
        let mut c = Capture::new(6);
        for chunk in [&b"0123"[..], b"4567", b"89"] {
            c.push(chunk);
        }
        assert_eq!(c.total_bytes(), 10);
        assert_eq!(c.dropped_bytes(), 4);
        assert_eq!(c.text(), "012\n[... 4 bytes dropped by dyno ...]\n789");
    }

    #[test]
    fn huge_single_chunk() {
        let mut c = Capture::new(4);
        c.push(&[b'x'; 1000]);
        c.push(b"yz");
        assert_eq!(c.total_bytes(), 1002);
        assert!(c.text().starts_with("xx\n"));
        assert!(c.text().ends_with("yz"));
    }

    #[test]
    fn tail_text_respects_char_boundaries() {
        let mut c = Capture::new(100);
        c.push("héllo wörld".as_bytes());
        assert_eq!(c.tail_text(5), "wörld");
        assert_eq!(c.tail_text(500), "héllo wörld");
    }
}
