//! Text people run or paste, written by the template engine from checked values: step 5's
//! curl commands, step 7's programs, the relay's and the hosting's nginx configurations and the
//! own relay's commands. The templates themselves are in `templates/`.
//!
//! May import `checked`, `templates`, `facts` and `acm`; nothing in the domain imports it but
//! `display` and `samples`.

pub mod backend_code;
pub mod hosting_nginx;
pub mod own_relay;
pub mod relay_nginx;
pub mod shell;
