//! Test filters: a small boolean language over a test's tags.
//!
//! ```text
//! expr   := or
//! or     := and ('|' and)*
//! and    := unary ('&' unary)*
//! unary  := '!' unary | '(' expr ')' | atom
//! atom   := dir:PREFIX | feature:NAME | flag:NAME | include:FILE | id:SUBSTRING
//! ```
//! `dir:` matches a path prefix under test/ on whole segments (`dir:built-ins/Array`
//! matches `built-ins/Array/from/x.js`, not `built-ins/ArrayBuffer/...`).

use crate::UsageError;

/// What a filter can look at.
pub struct Tags<'a> {
    pub id: &'a str,
    pub features: &'a [String],
    pub flags: &'a [String],
    pub includes: &'a [String],
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    Dir(String),
    Feature(String),
    Flag(String),
    Include(String),
    Id(String),
    Not(Box<Filter>),
    And(Box<Filter>, Box<Filter>),
    Or(Box<Filter>, Box<Filter>),
}

impl Filter {
    pub fn parse(text: &str) -> Result<Filter, UsageError> {
        let tokens = tokenize(text)?;
        let mut p = Parser {
            tokens,
            pos: 0,
            text,
        };
        let f = p.or()?;
        if p.pos != p.tokens.len() {
            return Err(p.error("unexpected input after a complete expression"));
        }
        Ok(f)
    }

    pub fn matches(&self, t: &Tags<'_>) -> bool {
        match self {
            Filter::Dir(prefix) => {
                let prefix = prefix.trim_end_matches('/');
                t.id == prefix
                    || t.id
                        .strip_prefix(prefix)
                        .is_some_and(|rest| rest.starts_with('/'))
            }
            Filter::Feature(f) => t.features.iter().any(|x| x == f),
            Filter::Flag(f) => t.flags.iter().any(|x| x == f),
            Filter::Include(f) => t.includes.iter().any(|x| x == f),
            Filter::Id(s) => t.id.contains(s.as_str()),
            Filter::Not(f) => !f.matches(t),
            Filter::And(a, b) => a.matches(t) && b.matches(t),
            Filter::Or(a, b) => a.matches(t) || b.matches(t),
        }
    }

    /// Directory prefixes that must match for the filter to hold, if the filter is a
    /// conjunction containing `dir:` atoms (lets discovery skip whole trees).
    pub fn required_dirs(&self) -> Option<Vec<String>> {
        match self {
            Filter::Dir(d) => Some(vec![d.trim_end_matches('/').to_owned()]),
            Filter::Or(a, b) => {
                let mut l = a.required_dirs()?;
                l.extend(b.required_dirs()?);
                Some(l)
            }
            Filter::And(a, b) => a.required_dirs().or_else(|| b.required_dirs()),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    And,
    Or,
    Not,
    Open,
    Close,
    Atom(String),
}

fn tokenize(text: &str) -> Result<Vec<Token>, UsageError> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            ' ' | '\t' => {
                chars.next();
            }
            '&' => {
                chars.next();
                out.push(Token::And);
            }
            '|' => {
                chars.next();
                out.push(Token::Or);
            }
            '!' => {
                chars.next();
                out.push(Token::Not);
            }
            '(' => {
                chars.next();
                out.push(Token::Open);
            }
            ')' => {
                chars.next();
                out.push(Token::Close);
            }
            _ => {
                let mut word = String::new();
                while let Some(&c) = chars.peek() {
                    if " \t&|!()".contains(c) {
                        break;
                    }
                    word.push(c);
                    chars.next();
                }
                out.push(Token::Atom(word));
            }
        }
    }
    if out.is_empty() {
        return Err(UsageError::new(
            "--filter is empty; e.g. --filter 'dir:built-ins/Array & !feature:Temporal'",
        ));
    }
    Ok(out)
}

struct Parser<'t> {
    tokens: Vec<Token>,
    pos: usize,
    text: &'t str,
}

impl Parser<'_> {
    fn error(&self, what: &str) -> UsageError {
        UsageError::new(format!(
            "--filter '{}': {what}; atoms are dir:, feature:, flag:, include:, id:, combined with & | ! and parentheses",
            self.text
        ))
    }

    fn or(&mut self) -> Result<Filter, UsageError> {
        let mut left = self.and()?;
        while self.tokens.get(self.pos) == Some(&Token::Or) {
            self.pos += 1;
            left = Filter::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Filter, UsageError> {
        let mut left = self.unary()?;
        while self.tokens.get(self.pos) == Some(&Token::And) {
            self.pos += 1;
            left = Filter::And(Box::new(left), Box::new(self.unary()?));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Filter, UsageError> {
        match self.tokens.get(self.pos).cloned() {
            Some(Token::Not) => {
                self.pos += 1;
                Ok(Filter::Not(Box::new(self.unary()?)))
            }
            Some(Token::Open) => {
                self.pos += 1;
                let inner = self.or()?;
                if self.tokens.get(self.pos) != Some(&Token::Close) {
                    return Err(self.error("missing ')'"));
                }
                self.pos += 1;
                Ok(inner)
            }
            Some(Token::Atom(word)) => {
                self.pos += 1;
                let (kind, value) = word.split_once(':').ok_or_else(|| {
                    self.error(&format!("'{word}' has no kind (dir:, feature:, ...)"))
                })?;
                if value.is_empty() {
                    return Err(self.error(&format!("'{word}' has no value")));
                }
                let value = value.to_owned();
                match kind {
                    "dir" => Ok(Filter::Dir(value)),
                    "feature" => Ok(Filter::Feature(value)),
                    "flag" => Ok(Filter::Flag(value)),
                    "include" => Ok(Filter::Include(value)),
                    "id" => Ok(Filter::Id(value)),
                    other => Err(self.error(&format!("unknown kind '{other}:'"))),
                }
            }
            _ => Err(self.error("expected an atom, '!' or '('")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags<'a>(id: &'a str, features: &'a [String], flags: &'a [String]) -> Tags<'a> {
        Tags {
            id,
            features,
            flags,
            includes: &[],
        }
    }

    #[test]
    fn precedence_and_matching() {
        let f = Filter::parse("(dir:language | dir:built-ins) & !feature:Temporal & !flag:module")
            .unwrap();
        let none: Vec<String> = vec![];
        let temporal = vec!["Temporal".to_owned()];
        let module = vec!["module".to_owned()];
        assert!(f.matches(&tags("built-ins/Array/x.js", &none, &none)));
        assert!(!f.matches(&tags("built-ins/Temporal/x.js", &temporal, &none)));
        assert!(!f.matches(&tags("language/m.js", &none, &module)));
        assert!(!f.matches(&tags("annexB/x.js", &none, &none)));
        let g = Filter::parse("dir:a | dir:b & flag:x").unwrap();
        // & binds tighter than |.
        assert!(g.matches(&tags("a/1.js", &none, &none)));
        assert!(!g.matches(&tags("b/1.js", &none, &none)));
    }

    #[test]
    fn dir_matches_whole_segments() {
        let f = Filter::parse("dir:built-ins/Array/").unwrap();
        let none: Vec<String> = vec![];
        assert!(f.matches(&tags("built-ins/Array/from/a.js", &none, &none)));
        assert!(!f.matches(&tags("built-ins/ArrayBuffer/a.js", &none, &none)));
        assert_eq!(f.required_dirs(), Some(vec!["built-ins/Array".to_owned()]));
        assert_eq!(Filter::parse("!dir:x").unwrap().required_dirs(), None);
    }

    #[test]
    fn errors_are_usage_errors() {
        for bad in [
            "",
            "dir:",
            "nokind",
            "(dir:a",
            "dir:a)",
            "dir:a &",
            "color:red",
            "!",
        ] {
            assert!(Filter::parse(bad).is_err(), "{bad:?}");
        }
    }
}
