//! ACM/IDM and the API, as the exchange sees them: the key, the client assertion, the token
//! request and answer, endpoints and HTTP answers, the sequence of hops. Pure: `src/net.rs`
//! and `src/webcrypto.rs` do the talking and the signing with what is decided here.
//!
//! May import `checked`, `templates` and `facts`; `onboarding` and `runnable` import it.

pub mod assertion;
pub mod diagram;
pub mod exchange;
pub mod key;
pub mod token;
