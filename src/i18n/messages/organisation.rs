//! Part of `messages`: Texts of step 1's values: roles, environments, ACM's sides, the organisation's name and code.

use super::{msg, t, Lang, T};
use crate::domain::checked::organisation::{OrgCode, OrgCodeError, OrgNameError};
use crate::domain::facts::environment::{AcmSide, Environment, Role};

use super::owned;

pub fn role_text(lang: Lang, role: Role) -> &'static str {
    t(
        lang,
        match role {
            Role::Uitvaartondernemer => T::RoleUitvaartondernemer,
            Role::Crematorium => T::RoleCrematorium,
            Role::Begraafplaats => T::RoleBegraafplaats,
            Role::Lbbs => T::RoleLbbs,
            Role::Depzorg => T::RoleDepzorg,
            Role::Arts => T::RoleArts,
        },
    )
}

pub fn environment_text(lang: Lang, env: Environment) -> &'static str {
    t(
        lang,
        match env {
            Environment::Beta => T::EnvBeta,
            Environment::Acc => T::EnvAcc,
            Environment::Prod => T::EnvProd,
        },
    )
}

pub fn acm_side(lang: Lang, side: AcmSide) -> &'static str {
    t(
        lang,
        match side {
            AcmSide::TestAndIntegration => T::AcmSideTestAndIntegration,
            AcmSide::Production => T::AcmSideProduction,
        },
    )
}

pub fn org_name_error(lang: Lang, err: &OrgNameError) -> String {
    match err {
        OrgNameError::Empty => owned(lang, T::OrgNameErrorEmpty),
        OrgNameError::TooLong { chars, max } => msg::OrgNameErrorTooLong {
            chars: &chars,
            max: &max,
        }
        .text(lang),
        OrgNameError::ControlCharacter {
            position,
            code_point,
        } => msg::OrgNameErrorControlCharacter {
            code_point: &format!("{code_point:04X}"),
            position: &position,
        }
        .text(lang),
    }
}

pub fn org_code_error(lang: Lang, err: &OrgCodeError) -> String {
    match err {
        OrgCodeError::Empty => owned(lang, T::OrgCodeErrorEmpty),
        OrgCodeError::InvalidCharacter { ch } => {
            msg::OrgCodeErrorInvalidCharacter { ch: &ch }.text(lang)
        }
        OrgCodeError::KboWrongLength { digits: 9 } => owned(lang, T::OrgCodeErrorKboNineDigits),
        OrgCodeError::KboWrongLength { digits } => {
            msg::OrgCodeErrorKboWrongLength { digits: &digits }.text(lang)
        }
        OrgCodeError::KboWrongCheckDigits { expected, found } => {
            msg::OrgCodeErrorKboWrongCheckDigits {
                expected: &expected,
                found: &found,
            }
            .text(lang)
        }
        OrgCodeError::OvoWrongFormat => owned(lang, T::OrgCodeErrorOvoWrongFormat),
        OrgCodeError::KboEstablishmentUnit => owned(lang, T::OrgCodeErrorKboEstablishmentUnit),
    }
}

pub fn org_code_ok(lang: Lang, code: &OrgCode) -> String {
    let shown = code.display();
    match code {
        OrgCode::Kbo(_) => msg::OrgCodeOkKbo { shown: &shown }.text(lang),
        OrgCode::Ovo(_) => msg::OrgCodeOkOvo { shown: &shown }.text(lang),
        OrgCode::OvInstelling(_) => msg::OrgCodeOkOvInstelling { shown: &shown }.text(lang),
    }
}
