//! What the user registers in the Beheerportaal, from the "Organisatie" form in one step:
//! raw text and choices in, checked values and everything derived from them out.

use crate::domain::acm::assertion::AudienceChoice;
use crate::domain::acm::key::SigningAlg;
use crate::domain::checked::organisation::{OrgCode, OrgCodeError, OrgName, OrgNameError};
use crate::domain::facts::config::SiteConfig;
use crate::domain::facts::environment::{self, AcmSide, Brand, Environment, Role};
use crate::domain::facts::sources::{Fact, Situation};
use crate::domain::onboarding::naming;

/// The form as the user filled it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationForm {
    /// The organisation's name, as entered.
    pub org_name: String,
    /// The organisation code, as entered.
    pub org_code: String,
    /// The chosen environment.
    pub environment: Environment,
    /// The chosen API name.
    pub brand: Brand,
    /// The chosen role.
    pub role: Role,
    /// A software integrator registering on behalf of a customer (a funeral home).
    pub integrator: bool,
}

impl Default for RegistrationForm {
    fn default() -> Self {
        RegistrationForm {
            org_name: String::new(),
            org_code: String::new(),
            environment: Environment::Beta,
            brand: Brand::Dao,
            role: Role::Uitvaartondernemer,
            integrator: false,
        }
    }
}

/// The checked registration and its derived values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    /// The organisation's name, checked.
    pub org_name: Result<OrgName, OrgNameError>,
    /// The organisation code, checked.
    pub org_code: Result<OrgCode, OrgCodeError>,
    /// The environment.
    pub environment: Environment,
    /// The API name.
    pub brand: Brand,
    /// The role.
    pub role: Role,
    /// Whether a software integrator requests the client for a customer.
    pub integrator: bool,
    /// `None` until the organisation name is valid.
    pub client_name: Option<String>,
    /// The API reference to ask access to.
    pub api_reference: String,
    /// The role's scope under the chosen name.
    pub role_scope: String,
    /// Every scope to request, space-separated.
    pub scope_string: String,
    /// `None` where no id is published for this brand and environment and `config.json` gives
    /// none: the API team gives it.
    pub api_client_id: Option<String>,
    /// The Beheerportaal of the environment's ACM.
    pub beheerportaal: &'static str,
}

impl Registration {
    /// The registration for a form, with the site's configuration.
    pub fn from_form(form: &RegistrationForm, config: &SiteConfig) -> Registration {
        let org_name = OrgName::parse(&form.org_name);
        let client_name = org_name
            .as_ref()
            .ok()
            .map(|org| naming::client_name(form.brand, form.environment, org));
        Registration {
            org_code: OrgCode::parse(&form.org_code),
            client_name,
            org_name,
            environment: form.environment,
            brand: form.brand,
            role: form.role,
            integrator: form.integrator,
            api_reference: naming::api_reference(form.brand, form.environment),
            role_scope: naming::role_scope(form.brand, form.role),
            scope_string: naming::scope_string(form.brand, form.role),
            api_client_id: config.api_client_id(form.environment, form.brand),
            beheerportaal: form.environment.acm_side().beheerportaal(),
        }
    }

    /// The fact behind the client name convention.
    pub fn client_name_fact(&self) -> Fact {
        match self.brand {
            Brand::Elys => Fact::ClientNameElys,
            Brand::Dao => Fact::ClientNameDao,
        }
    }

    /// The fact behind the API reference.
    pub fn api_reference_fact(&self) -> Fact {
        match self.brand {
            Brand::Elys => Fact::ApiReferenceElys,
            Brand::Dao => Fact::ApiReferenceDao,
        }
    }

    /// A reference the API team's documentation gave for a while, dated, beside the one in
    /// force (`naming::dated_api_reference`), with its fact.
    pub fn dated_api_reference(&self) -> Option<(&'static str, Fact)> {
        naming::dated_api_reference(self.brand, self.environment)
            .map(|reference| (reference, Fact::ApiReferenceDaoBetaDated))
    }

    /// The fact behind the API client id, when it is the published one (not `config.json`'s).
    pub fn api_client_id_fact(&self) -> Option<Fact> {
        let published = environment::published_api_client_id(self.brand, self.environment)?;
        (self.api_client_id.as_deref() == Some(published)).then_some(Fact::ApiClientIdDaoTi)
    }

    /// The fact the Beheerportaal's address comes from.
    pub fn beheerportaal_fact(&self) -> Fact {
        match self.environment.acm_side() {
            AcmSide::TestAndIntegration => Fact::BeheerportaalTi,
            AcmSide::Production => Fact::BeheerportaalProd,
        }
    }

    /// What the page takes on trust for this registration, given the algorithm in effect,
    /// whether the assertion carries a `kid` and which `aud` it carries.
    pub fn situation(
        &self,
        alg: SigningAlg,
        assertion_has_kid: bool,
        audience: AudienceChoice,
    ) -> Situation {
        Situation {
            audience_issuer: audience == AudienceChoice::Issuer,
            dao_ping: self.brand == Brand::Dao,
            algorithm_other_than_rs256: alg != SigningAlg::Rs256,
            assertion_has_kid,
            other_org_code: matches!(
                self.org_code,
                Ok(OrgCode::Ovo(_) | OrgCode::OvInstelling(_))
            ),
        }
    }

    /// True when name and code are valid: the registration can be requested.
    pub fn is_complete(&self) -> bool {
        self.org_name.is_ok() && self.org_code.is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_complete_form() {
        let form = RegistrationForm {
            org_name: " Stad  Gent ".into(),
            org_code: "0207.451.227".into(),
            environment: Environment::Prod,
            brand: Brand::Dao,
            role: Role::Lbbs,
            integrator: false,
        };
        let reg = Registration::from_form(&form, &SiteConfig::default());
        assert!(reg.is_complete());
        assert_eq!(
            reg.client_name.as_deref(),
            Some("DAO PROD Stad Gent client")
        );
        assert_eq!(reg.api_reference, "DAO (Digitale Aangifte Overlijden) API");
        assert_eq!(reg.scope_string, "vo_info dao_lbbs");
        assert_eq!(reg.api_client_id, None);
        assert_eq!(reg.beheerportaal, "https://beheerportaal.vlaanderen.be");
    }

    #[test]
    fn an_empty_form_has_no_client_name_but_still_the_other_values() {
        let reg = Registration::from_form(&RegistrationForm::default(), &SiteConfig::default());
        assert!(!reg.is_complete());
        assert_eq!(reg.client_name, None);
        assert_eq!(
            reg.api_reference,
            "DAO (Digitale Aangifte Overlijden) API T&I"
        );
        assert_eq!(reg.scope_string, "vo_info dao_uitvaartondernemer");
        assert_eq!(
            reg.api_client_id.as_deref(),
            Some("b3f43c85-53a5-443d-838c-7c2d0359897b")
        );
    }

    /// Every DAO ping host was dropped at the rename, beta's (the onboarding text's) too: the
    /// assumption that it still answers is in force for DAO in every environment, never for eLys.
    #[test]
    fn a_dao_ping_is_an_assumption_in_every_environment() {
        use crate::domain::facts::sources::{assumptions_in_force, Assumption};
        for environment in Environment::ALL {
            for brand in Brand::ALL {
                let form = RegistrationForm {
                    environment,
                    brand,
                    ..RegistrationForm::default()
                };
                let reg = Registration::from_form(&form, &SiteConfig::default());
                let situation = reg.situation(SigningAlg::Rs256, true, AudienceChoice::default());
                assert_eq!(
                    assumptions_in_force(&situation).contains(&Assumption::DaoPingHosts),
                    brand == Brand::Dao,
                    "{environment:?} {brand:?}"
                );
            }
        }
    }
}
