//! The built page: its folders (`dist/`, altered copies) and a loopback server for it.

use super::*;

/// The built page (`dist/` by default; `DAO_DIST` overrides).
pub fn dist_dir(variant: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = match std::env::var("DAO_DIST") {
        Ok(dist) if variant == "dist" => PathBuf::from(dist),
        _ => root.join(variant),
    };
    assert!(
        dir.join("index.html").exists(),
        "{} has no built page: run scripts/test.sh (or `trunk build --release`) first",
        dir.display()
    );
    dir
}

/// Every file of a built page, as paths relative to `dist` (the split build's pieces are in its
/// `app-<hash>/` folder), sorted.
pub fn dist_files(dist: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, files: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, files);
            } else {
                files.push(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    let mut files = Vec::new();
    walk(dist, dist, &mut files);
    files.sort();
    files
}

/// A copy of the built page `dist` in a fresh folder, with the files `keep` accepts.
pub fn copy_dist(dist: &Path, name: &str, keep: impl Fn(&Path) -> bool) -> PathBuf {
    let copy = temp_dir(name);
    for file in dist_files(dist).into_iter().filter(|file| keep(file)) {
        let target = copy.join(&file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(dist.join(&file), target).unwrap();
    }
    copy
}

/// The split build's folder in `dist` (`app-<hash>/`, see `scripts/build.py`), relative.
pub fn pieces_dir(dist: &Path) -> PathBuf {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(dist)
        .unwrap()
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.is_dir()
                && path
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("app-"))
        })
        .collect();
    assert_eq!(
        folders.len(),
        1,
        "one app-<hash>/ folder in {}",
        dist.display()
    );
    PathBuf::from(folders.pop().unwrap().file_name().unwrap())
}

/// The first download's wasm (the split build's main piece), relative to `dist`.
pub fn first_wasm(dist: &Path) -> PathBuf {
    pieces_dir(dist).join("dao-onboard_bg.wasm")
}

/// A running server task, aborted (listener and connections closed) on drop.
pub struct Server {
    pub addr: SocketAddr,
    task: JoinHandle<()>,
}

impl Server {
    pub async fn start(app: Router) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Server { addr, task }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops the server now, as a network cut would.
    pub fn stop(&self) {
        self.task.abort();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Serves `dist` at `base` ("/" or "/dao-onboard/"), with an optional `config.json`.
/// Serves `dist` the way single-page hosts (and `trunk serve`) do: any missing file, such as
/// `config.json`, is answered with `index.html` and status 200.
pub async fn serve_page_with_fallback(dist: &Path) -> Server {
    let files = ServeDir::new(dist).fallback(tower_http::services::ServeFile::new(
        dist.join("index.html"),
    ));
    Server::start(Router::new().fallback_service(files)).await
}

pub async fn serve_page(dist: &Path, base: &str, config_json: Option<String>) -> Server {
    let files = ServeDir::new(dist);
    let config_path = format!("{base}config.json");
    let config = move || {
        let config_json = config_json.clone();
        async move {
            match config_json {
                Some(body) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
                None => StatusCode::NOT_FOUND.into_response(),
            }
        }
    };
    let app = if base == "/" {
        Router::new()
            .route(&config_path, get(config))
            .fallback_service(files)
    } else {
        Router::new()
            .route(&config_path, get(config))
            .nest_service(base.trim_end_matches('/'), files)
    };
    Server::start(app).await
}
