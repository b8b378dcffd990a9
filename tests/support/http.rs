//! Raw HTTP on loopback, and upstreams that misbehave on purpose (a broken answer, an endless
//! one), for the relay's fault tests.

use super::*;

/// An HTTP answer read off the wire.
#[derive(Debug)]
pub struct RawReply {
    pub status: u16,
    /// Header names lower-cased.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl RawReply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Sends `request` byte for byte (nothing normalises the target) and reads the answer until
/// the server closes (send `Connection: close`), for up to 30 s.
async fn exchange(port: u16, request: &str) -> Vec<u8> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("connects");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut bytes = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(30), stream.read_to_end(&mut bytes)).await;
    bytes
}

/// Like [`raw_http`], with the body as bytes (a compressed file, say) and the headers.
#[allow(dead_code)]
pub async fn raw_http_bytes(port: u16, request: &str) -> (Vec<(String, String)>, Vec<u8>) {
    let bytes = exchange(port, request).await;
    let end = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(bytes.len(), |at| at + 4);
    let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
    let headers = head
        .lines()
        .skip(1)
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    (headers, bytes[end..].to_vec())
}

/// The answer to `request`, sent byte for byte (see [`exchange`]), as text.
pub async fn raw_http(port: u16, request: &str) -> RawReply {
    let bytes = exchange(port, request).await;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    RawReply {
        status,
        headers,
        body: body.to_string(),
    }
}

/// A raw upstream that answers `200` with `Content-Length: 1000` and closes after 11 bytes: a
/// server that breaks off mid-answer. Returns its ping-shaped URL.
pub async fn breaking_upstream() -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buffer = [0u8; 4096];
            let _ = socket.read(&mut buffer).await;
            let _ = socket
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"partial\":")
                .await;
        }
    });
    format!("http://127.0.0.1:{port}/health/v1/ping")
}

/// A raw upstream that answers `200` without `Content-Length` and then streams 3 MB: an answer
/// no `Content-Length` check can catch. Returns its ping-shaped URL.
pub async fn endless_upstream() -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buffer = [0u8; 4096];
                let _ = socket.read(&mut buffer).await;
                let _ = socket
                    .write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"padding\":\"")
                    .await;
                let chunk = vec![b'x'; 64 * 1024];
                for _ in 0..48 {
                    if socket.write_all(&chunk).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    format!("http://127.0.0.1:{port}/health/v1/ping")
}

/// Two extra allowlisted targets for fault tests, and the stand-ins' targets with them: an
/// address where nothing listens (down), and [`breaking_upstream`].
pub async fn fault_targets(stand_ins: &stand_ins::StandIns) -> (String, String, Vec<String>) {
    let down = format!("http://127.0.0.1:{}/health/v1/ping", free_port());
    let breaking = breaking_upstream().await;
    let mut targets = stand_ins.relay_targets();
    targets.push(down.clone());
    targets.push(breaking.clone());
    (down, breaking, targets)
}
