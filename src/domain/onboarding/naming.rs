//! The values a user types into the Beheerportaal: client name, API reference and scopes.
//!
//! The rules come from the onboarding text (`DAO <beta|acc|PROD> <organisatie> client`) and from
//! the eLys rename (`eLys <beta|acc|prod> <organisatie> client`).

use crate::domain::checked::organisation::OrgName;
use crate::domain::facts::environment::{Brand, Environment, Role, BASE_SCOPE};

/// The client name convention: one client per environment and organisation.
pub fn client_name(brand: Brand, env: Environment, org: &OrgName) -> String {
    let env_code = match brand {
        Brand::Dao => env.code().to_string(),
        Brand::Elys => env.code().to_ascii_lowercase(),
    };
    format!("{} {} {} client", brand.name(), env_code, org.as_str())
}

/// The reference of the API to which access is requested in the Beheerportaal.
pub(crate) fn api_reference(brand: Brand, env: Environment) -> String {
    match (brand, env) {
        (Brand::Dao, Environment::Beta | Environment::Acc) => {
            "DAO (Digitale Aangifte Overlijden) API T&I".to_string()
        }
        (Brand::Dao, Environment::Prod) => "DAO (Digitale Aangifte Overlijden) API".to_string(),
        (Brand::Elys, Environment::Prod) => "eLys (Digitale Aangifte Overlijden) API".to_string(),
        (Brand::Elys, env) => format!("eLys (Digitale Aangifte Overlijden) API {}", env.code()),
    }
}

/// The DAO reference of beta and acc as `client-aanvragen.md` gave it from 2025-01-31 until
/// the rename on 2025-05-08 (`facts::Fact::ApiReferenceDaoBetaDated`), where the onboarding
/// text's `... API T&I` is the one in force: shown beside it, dated.
pub fn dated_api_reference(brand: Brand, env: Environment) -> Option<&'static str> {
    match (brand, env) {
        (Brand::Dao, Environment::Beta | Environment::Acc) => {
            Some("DAO (Digitale Aangifte Overlijden) API beta")
        }
        (Brand::Dao, Environment::Prod) | (Brand::Elys, _) => None,
    }
}

/// The role scope, e.g. `dao_depzorg`.
pub(crate) fn role_scope(brand: Brand, role: Role) -> String {
    format!("{}_{}", brand.scope_prefix(), role.code())
}

/// Every scope a client requests, in the order ACM lists them.
pub fn scopes(brand: Brand, role: Role) -> Vec<String> {
    vec![BASE_SCOPE.to_string(), role_scope(brand, role)]
}

/// The scopes as the space-separated string of the token request.
pub fn scope_string(brand: Brand, role: Role) -> String {
    scopes(brand, role).join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(name: &str) -> OrgName {
        OrgName::parse(name).expect("valid test name")
    }

    #[test]
    fn client_names_for_every_environment_and_brand() {
        let gent = org("Stad Gent");
        let cases = [
            (Brand::Dao, Environment::Beta, "DAO beta Stad Gent client"),
            (Brand::Dao, Environment::Acc, "DAO acc Stad Gent client"),
            (Brand::Dao, Environment::Prod, "DAO PROD Stad Gent client"),
            (Brand::Elys, Environment::Beta, "eLys beta Stad Gent client"),
            (Brand::Elys, Environment::Acc, "eLys acc Stad Gent client"),
            (Brand::Elys, Environment::Prod, "eLys prod Stad Gent client"),
        ];
        for (brand, env, expected) in cases {
            assert_eq!(client_name(brand, env, &gent), expected);
        }
    }

    #[test]
    fn client_name_uses_the_normalised_organisation() {
        let messy = org("  Zorgbedrijf   Antwerpen-Noord/Oost ");
        assert_eq!(
            client_name(Brand::Dao, Environment::Beta, &messy),
            "DAO beta Zorgbedrijf Antwerpen-Noord/Oost client"
        );
    }

    #[test]
    fn api_references_for_every_environment_and_brand() {
        let cases = [
            (
                Brand::Dao,
                Environment::Beta,
                "DAO (Digitale Aangifte Overlijden) API T&I",
            ),
            (
                Brand::Dao,
                Environment::Acc,
                "DAO (Digitale Aangifte Overlijden) API T&I",
            ),
            (
                Brand::Dao,
                Environment::Prod,
                "DAO (Digitale Aangifte Overlijden) API",
            ),
            (
                Brand::Elys,
                Environment::Beta,
                "eLys (Digitale Aangifte Overlijden) API beta",
            ),
            (
                Brand::Elys,
                Environment::Acc,
                "eLys (Digitale Aangifte Overlijden) API acc",
            ),
            (
                Brand::Elys,
                Environment::Prod,
                "eLys (Digitale Aangifte Overlijden) API",
            ),
        ];
        for (brand, env, expected) in cases {
            assert_eq!(api_reference(brand, env), expected, "{brand:?} {env:?}");
        }
    }

    #[test]
    fn the_dated_dao_reference_stands_beside_the_onboarding_text_s_only() {
        for env in [Environment::Beta, Environment::Acc] {
            assert_eq!(
                dated_api_reference(Brand::Dao, env),
                Some("DAO (Digitale Aangifte Overlijden) API beta")
            );
            assert_eq!(dated_api_reference(Brand::Elys, env), None);
        }
        assert_eq!(dated_api_reference(Brand::Dao, Environment::Prod), None);
        assert_eq!(dated_api_reference(Brand::Elys, Environment::Prod), None);
    }

    #[test]
    fn scopes_for_every_brand_and_role() {
        let expected_roles = [
            (Role::Lbbs, "lbbs"),
            (Role::Depzorg, "depzorg"),
            (Role::Uitvaartondernemer, "uitvaartondernemer"),
            (Role::Crematorium, "crematorium"),
            (Role::Begraafplaats, "begraafplaats"),
            (Role::Arts, "arts"),
        ];
        assert_eq!(expected_roles.len(), Role::ALL.len());
        for (role, code) in expected_roles {
            assert_eq!(
                scope_string(Brand::Dao, role),
                format!("vo_info dao_{code}")
            );
            assert_eq!(
                scope_string(Brand::Elys, role),
                format!("vo_info elys_{code}")
            );
            assert_eq!(role_scope(Brand::Elys, role), format!("elys_{code}"));
        }
        // The onboarding text's example for the Departement Zorg.
        assert_eq!(role_scope(Brand::Dao, Role::Depzorg), "dao_depzorg");
    }
}
