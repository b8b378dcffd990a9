//! Part of `messages`: Texts of `config.json`: why it was refused or partly ignored.

use super::connection::url_error;
use super::json::json_error;
use super::{msg, Lang};
use crate::domain::facts::config::ConfigError;

pub fn config_error(lang: Lang, err: &ConfigError) -> String {
    match err {
        ConfigError::Json(json) => {
            let detail = json_error(lang, json);
            msg::ConfigErrorJson { detail: &detail }.text(lang)
        }
        ConfigError::UnknownField { path } => {
            msg::ConfigErrorUnknownField { path: &path }.text(lang)
        }
        ConfigError::WrongType { path, expected } => msg::ConfigErrorWrongType {
            expected: &expected,
            path: &path,
        }
        .text(lang),
        ConfigError::UnknownEnvironment { path } => {
            msg::ConfigErrorUnknownEnvironment { path: &path }.text(lang)
        }
        ConfigError::UnknownBrand { path, value } => msg::ConfigErrorUnknownBrand {
            path: &path,
            value: &value,
        }
        .text(lang),
        ConfigError::BadUrl { path, problem } => {
            let problem = url_error(lang, problem);
            msg::ConfigErrorBadUrl {
                path: &path,
                problem: &problem,
            }
            .text(lang)
        }
        ConfigError::BadEmail { path } => msg::ConfigErrorBadEmail { path: &path }.text(lang),
        ConfigError::BadClientId { path } => msg::ConfigErrorBadClientId { path: &path }.text(lang),
    }
}

pub fn config_ignored(lang: Lang, message: &str) -> String {
    msg::ConfigIgnored { message: &message }.text(lang)
}
