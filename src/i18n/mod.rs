//! Every word the page shows, in Dutch (first) and English.
//!
//! Static texts are keys of [`T`]; their words are in `locales/<lang>.ftl`, which translators
//! edit without Rust. `build.rs` turns each file into one exhaustive table, so a key without a
//! translation, or a message without a key, does not compile. Texts with values in them (error messages,
//! check explanations, the checklist, the mail and the proof report) are functions in
//! `messages.rs`, both languages side by side. Tests read expected texts from here too.

#[cfg(test)]
mod locale_file;
pub mod messages;

// `text_nl` and `text_en`, generated from `locales/nl.ftl` and `locales/en.ftl`.
include!(concat!(env!("OUT_DIR"), "/texts.rs"));

/// The page's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    /// The BCP 47 code, for `<html lang>` and settings.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Lang {
        if code.eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Nl
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        }
    }
}

/// The static texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum T {
    // Page
    AppTitle,
    AppIntro,
    LangToggle,
    LangToggleLabel,
    NavLabel,
    Copy,
    Copied,
    CopyFailed,
    Cancel,
    Busy,
    FooterPromise,
    FooterRelay,
    // 1. Organisation
    StepOrganisation,
    OrgIntro,
    RenameNote,
    OrgNameLabel,
    OrgNameHint,
    OrgCodeLabel,
    OrgCodeHint,
    EnvLabel,
    EnvBeta,
    EnvAcc,
    EnvProd,
    BrandLabel,
    BrandDao,
    BrandElys,
    RoleLabel,
    RoleHint,
    RoleUitvaartondernemer,
    RoleCrematorium,
    RoleBegraafplaats,
    RoleLbbs,
    RoleDepzorg,
    RoleArts,
    IntegratorLabel,
    IntegratorHint,
    ValuesHeading,
    SourceLabel,
    TreeTruncated,
    AccessTokenLabel,
    DiagramTitle,
    DiagramHeading,
    FlowHeading,
    StepSoftware,
    SoftwareIntro,
    SoftwareNoClientId,
    SoftwareRun,
    SoftwareDownload,
    SoftwareLanguages,
    SourceAssumed,
    AccNote,
    SourcesHeading,
    ClientNameLabel,
    ClientNameMissing,
    ApiReferenceLabel,
    ScopesLabel,
    ApiClientIdLabel,
    ApiClientIdUnknown,
    BeheerportaalLabel,
    PingLabel,
    PingUnconfirmed,
    // 2. Key
    StepKey,
    KeyIntro,
    KeyPromise,
    InsecureContext,
    GenerateHeading,
    KeyTypeLabel,
    KeyTypeRsa4096,
    KeyTypeRsa3072,
    KeyTypeRsa2048,
    KeyTypeEcP256,
    GenerateButton,
    Generating,
    GenerateFailed,
    ImportHeading,
    KeyInputLabel,
    KeyInputHint,
    KeyFileLabel,
    ImportButton,
    Importing,
    KeyStatusNone,
    KeyStatusHeading,
    KeyImported,
    JwksChoose,
    PublicJwkHeading,
    PublicJwkHint,
    DownloadPublicJwk,
    PrivateDownloadWarning,
    SaveHeading,
    SaveIntro,
    SavePem,
    SaveJwk,
    SaveDecline,
    Saved,
    SaveDeclined,
    SaveFailed,
    KeyClear,
    KeyStoreUnavailable,
    SignFailed,
    LintPublicKeyLabel,
    LintPublicKeyHint,
    NotCompactJws,
    RegisteredHeading,
    RegisteredHint,
    RegisteredLabel,
    ForgetButton,
    KeyForgotten,
    FileReadFailed,
    // 3. Registration
    StepRegistration,
    RegIntro,
    ChecklistTitle,
    ChecklistStepRegister,
    ChecklistStepConnect,
    ExportButton,
    Exported,
    MailHeading,
    MailIntro,
    ApiTeamEmailLabel,
    ApiTeamEmailHint,
    MailOpen,
    MailTextLabel,
    // 4. Assertion
    StepAssertion,
    AssertionIntro,
    ClientIdLabel,
    ClientIdHint,
    ClientIdNotUuid,
    ClientIdIsApiId,
    AudLabel,
    AudIssuer,
    AudToken,
    AlgLabel,
    AlgUnconfirmed,
    LifetimeLabel,
    LifetimeHint,
    SignButton,
    NeedKey,
    NeedClientId,
    AssertionOutputLabel,
    HeaderLabel,
    ClaimsLabel,
    IssuedAtLabel,
    ExpiresAtLabel,
    AssertionExpired,
    LintHeading,
    LintIntro,
    LintPasteLabel,
    LintRun,
    LintPassed,
    LintFailed,
    LintStatusPass,
    LintStatusFail,
    LintStatusSkipped,
    ExpectedLabel,
    FoundLabel,
    // 5. Connection
    StepConnection,
    ConnIntro,
    RelayStatement,
    RelayLabel,
    RelayHint,
    RelayDirect,
    RelayPlainHttp,
    EndpointsHeading,
    IssuerLabel,
    TokenUrlLabel,
    PingUrlLabel,
    ResetEndpoints,
    TimeoutLabel,
    RelayCheckButton,
    TokenSourceLabel,
    TokenSourceFresh,
    TokenSourceLinted,
    TokenRequestButton,
    PingRequestButton,
    NeedToken,
    NeedLintedAssertion,
    TokenGranted,
    TokenRefused,
    Reveal,
    Hide,
    CausesHeading,
    PingDone,
    PingHandedOver,
    CurlHeading,
    CurlHint,
    CurlRealValues,
    CurlToken,
    CurlPing,
    // 6. Check
    StepCheck,
    CheckIntro,
    PingInputLabel,
    PingInputHint,
    PingFileLabel,
    ValidateButton,
    CheckColumn,
    StatusColumn,
    ExpectedColumn,
    FoundColumn,
    ExplanationColumn,
    StatusOk,
    StatusWarning,
    StatusFail,
    UnknownFieldsHeading,
    TreeHeading,
    ProofHeading,
    ProofIntro,
    ProofDownload,
    ProofMail,
}

/// The text of `key` in `lang`.
pub fn t(lang: Lang, key: T) -> &'static str {
    match lang {
        Lang::Nl => text_nl(key),
        Lang::En => text_en(key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes() {
        assert_eq!(Lang::parse("en"), Lang::En);
        assert_eq!(Lang::parse("EN"), Lang::En);
        assert_eq!(Lang::parse("nl"), Lang::Nl);
        assert_eq!(Lang::parse(""), Lang::Nl);
        assert_eq!(Lang::Nl.other(), Lang::En);
        assert_eq!(t(Lang::Nl, T::LangToggle), "English");
        assert_eq!(t(Lang::En, T::LangToggle), "Nederlands");
    }
}
