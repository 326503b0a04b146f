//! What the release benchmarks share: which journal sizes to run, and how a run reports
//! (one JSON document on standard output, progress and errors on standard error).

use std::process::ExitCode;

use serde_json::Value;

pub type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// Sizes from `--sizes 10000,100000`, else `CANDOR_BENCH_SIZES`, else `default`.
pub fn sizes(default: &str) -> Res<Vec<usize>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let spec = match args.iter().position(|a| a == "--sizes") {
        Some(i) => args
            .get(i + 1)
            .cloned()
            .ok_or("--sizes needs a list, e.g. 10000,100000")?,
        None => std::env::var("CANDOR_BENCH_SIZES").unwrap_or_else(|_| default.into()),
    };
    spec.split(',')
        .map(|s| {
            s.trim()
                .parse::<usize>()
                .map_err(|_| format!("not a size: {s}").into())
        })
        .collect()
}

/// Runs `run_size` for every size, wraps the results with `summary`, prints the JSON.
pub fn report(
    name: &str,
    default_sizes: &str,
    mut run_size: impl FnMut(usize) -> Res<Value>,
    summary: impl FnOnce(Vec<Value>) -> Value,
) -> ExitCode {
    let run = || -> Res<Value> {
        let mut results = Vec::new();
        for n in sizes(default_sizes)? {
            eprintln!("{name}: {n} entries…");
            results.push(run_size(n)?);
        }
        Ok(summary(results))
    };
    match run() {
        Ok(v) => {
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{name}: {e}");
            ExitCode::FAILURE
        }
    }
}
