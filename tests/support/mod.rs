//! End-to-end test support: the built page served on loopback, stand-ins for ACM/IDM and the
//! API, the project's nginx relay between them, and Chromium driven over WebDriver.
//!
//! Every server binds 127.0.0.1 on a free port and stops when its handle is dropped, so tests
//! run side by side and leave nothing behind. One module per job: `values` (the onboarding the
//! tests walk through), `files` (scratch folders, ports, time limits), `page` (the built page
//! and its server), `http` (raw HTTP and misbehaving upstreams), `relay` (nginx, for real),
//! `browser` (Chromium over WebDriver), `stand_ins` (ACM/IDM and the API), `signer`.
#![allow(dead_code)]

pub mod signer;
pub mod stand_ins;

mod browser;
mod files;
mod http;
mod page;
mod relay;
mod values;

// Each test file uses some of these: the rest is unused there.
#[allow(unused_imports)]
pub use browser::*;
#[allow(unused_imports)]
pub use files::*;
#[allow(unused_imports)]
pub use http::*;
#[allow(unused_imports)]
pub use page::*;
#[allow(unused_imports)]
pub use relay::*;
#[allow(unused_imports)]
pub use values::*;

use std::net::{SocketAddr, TcpListener as StdListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use dao_onboard::domain::checked::organisation::{OrgCode, OrgName};
use dao_onboard::domain::facts::environment::{AcmSide, Brand, Role};
use dao_onboard::domain::onboarding::ping::Expectations;
use dao_onboard::domain::runnable::relay_nginx::{render, RelayLimits, RelayParams};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use tokio::task::JoinHandle;
use tower_http::services::ServeDir;
