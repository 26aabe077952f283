//! The calibration server: a minimal hyper 1 hello-world on one current-thread tokio
//! runtime. dyno starts it (`dyno internal ceiling-server`) as a child like any benchmark
//! server and measures it in every HTTP run: no JavaScript server on the same CPUs
//! should beat it, so it marks the ceiling of what the machine and generator can show.

use std::convert::Infallible;

use anyhow::{Context, Result};
use bytes::Bytes;
use http_body_util::Full;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;

/// The body every hello benchmark answers.
pub const HELLO: &[u8] = b"Hello, World!";

/// Serves hello-world on 127.0.0.1:$PORT (0: any) until killed.
pub fn serve() -> Result<()> {
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .context("starting the ceiling server's runtime")?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .context("binding the ceiling server")?;
        println!(
            "{} port={}",
            crate::proc::READY_PREFIX,
            listener.local_addr()?.port()
        );
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let _ = stream.set_nodelay(true);
            tokio::spawn(async move {
                let service = service_fn(|_req: Request<hyper::body::Incoming>| async {
                    Ok::<_, Infallible>(Response::new(Full::new(Bytes::from_static(HELLO))))
                });
                let _ = http1::Builder::new()
                    .keep_alive(true)
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    })
}
