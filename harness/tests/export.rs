//! Export formats checked against the shapes their consumers document: Bencher's BMF
//! schema, github-action-benchmark's custom JSON, JUnit XML as Jenkins/GitLab read it,
//! and RFC 4180 CSV. Input: a results fixture from a real run, and a real `dyno bench`.

mod common;

use common::{dyno, fixtures, load_json, stdout_ok};

fn export(format: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    stdout_ok(
        dyno(dir.path())
            .args(["report", "--format", format])
            .arg(fixtures().join("results/v1-export.json")),
    )
}

fn validate(schema_file: &str, doc: &serde_json::Value) {
    let schema = load_json(&fixtures().join("schemas").join(schema_file));
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{schema_file}: {}", errors.join("\n"));
}

#[test]
fn bmf_matches_bencher_schema() {
    let doc: serde_json::Value = serde_json::from_str(&export("bmf")).unwrap();
    validate("bmf.schema.json", &doc);
    let node = &doc["startup/hello.js [node]"];
    let wall = &node["wall"];
    assert!(wall["lower_value"].as_f64() <= wall["value"].as_f64());
    assert!(wall["value"].as_f64() <= wall["upper_value"].as_f64());
    // Bencher identifies a measure by a slug of at most 64 characters.
    for bench in doc.as_object().unwrap().values() {
        for measure in bench.as_object().unwrap().keys() {
            assert!(measure.len() <= 64 && !measure.contains('_'), "{measure}");
        }
    }
    assert!(node.get("max-rss").is_some());
}

#[test]
fn github_action_benchmark_splits_by_direction() {
    let smaller: serde_json::Value =
        serde_json::from_str(&export("custom-smaller-is-better")).unwrap();
    let bigger: serde_json::Value =
        serde_json::from_str(&export("custom-bigger-is-better")).unwrap();
    validate("github-action-benchmark.schema.json", &smaller);
    validate("github-action-benchmark.schema.json", &bigger);
    // Start-up metrics are all smaller-is-better: 5 rows (4 runtimes + floor) of wall,
    // user, sys and max_rss... minus rows without a summary.
    let names: Vec<&str> = smaller
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"startup/hello.js [node] · wall"),
        "{names:?}"
    );
    assert_eq!(bigger.as_array().unwrap().len(), 0);
}

#[test]
fn junit_has_the_shape_ci_reporters_read() {
    use quick_xml::events::Event;
    let xml = export("junit");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut suites, mut cases, mut failures, mut skipped) = (0, 0, 0, 0);
    let mut declared = (0, 0, 0);
    let mut stack: Vec<String> = Vec::new();
    loop {
        let event = reader.read_event().expect("well-formed XML");
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            Event::End(_) => {
                stack.pop();
                (None, false)
            }
            Event::Eof => break,
            _ => (None, false),
        };
        let Some(e) = start else { continue };
        let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
        let attr = |key: &str| {
            e.attributes()
                .map(|a| a.unwrap())
                .find(|a| a.key.as_ref() == key.as_bytes())
                .map(|a| a.unescape_value().unwrap().into_owned())
        };
        let parent = stack.last().cloned().unwrap_or_default();
        match name.as_str() {
            "testsuites" => assert!(parent.is_empty()),
            "testsuite" => {
                assert_eq!(parent, "testsuites");
                suites += 1;
                for key in ["name", "tests", "failures", "errors", "skipped", "time"] {
                    assert!(attr(key).is_some(), "testsuite lacks {key}");
                }
                declared = (
                    attr("tests").unwrap().parse::<usize>().unwrap(),
                    attr("failures").unwrap().parse::<usize>().unwrap(),
                    attr("skipped").unwrap().parse::<usize>().unwrap(),
                );
            }
            "testcase" => {
                assert_eq!(parent, "testsuite");
                cases += 1;
                for key in ["classname", "name", "time"] {
                    assert!(attr(key).is_some(), "testcase lacks {key}");
                }
                attr("time").unwrap().parse::<f64>().unwrap();
            }
            "failure" => {
                assert_eq!(parent, "testcase");
                failures += 1;
                assert!(attr("type").is_some() && attr("message").is_some());
            }
            "skipped" => {
                assert_eq!(parent, "testcase");
                skipped += 1;
            }
            other => panic!("unexpected element <{other}>"),
        }
        if !empty {
            stack.push(name);
        }
    }
    assert_eq!(suites, 1);
    assert_eq!(declared, (cases, failures, skipped));
    assert_eq!((cases, failures, skipped), (11, 4, 1));
    // Names from tests are text, never markup.
    assert!(xml.contains("classname=\"built-ins/&lt;script&gt;alert(1)&lt;/script&gt;.js\""));
    assert!(xml.contains("message=\"Test262Error: &quot;a&quot; &amp; &lt;b&gt;\""));
    assert!(!xml.contains('\u{1}'));
}

#[test]
fn csv_is_rfc4180_with_the_documented_columns() {
    let text = export("csv");
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, dyno::report::csv::COLUMNS);
    let doc = load_json(&fixtures().join("results/v1-export.json"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let records = doc["benchmarks"].as_array().unwrap();
    assert_eq!(rows.len(), records.len());
    for (row, record) in rows.iter().zip(records) {
        assert_eq!(&row[0], record["benchmark"].as_str().unwrap());
        assert_eq!(&row[1], record["runtime"].as_str().unwrap());
        if let Some(m) = record["summary"]["median"].as_f64() {
            assert_eq!(row[6].parse::<f64>().unwrap(), m);
        }
    }
}

#[test]
fn a_real_bench_run_exports_every_format() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["csv", "bmf", "custom-smaller-is-better"] {
        let text = stdout_ok(
            dyno(dir.path())
                .args(["--runtime", "dynojs", "bench", "loop", "-b", "microtasks"])
                .args(["--repeat", "2", "--format", format, "--out"])
                .arg(dir.path().join(format!("{format}.json"))),
        );
        assert!(text.contains("loop/microtasks"), "{format}: {text}");
        if format == "bmf" {
            let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
            validate("bmf.schema.json", &doc);
        }
    }
}
