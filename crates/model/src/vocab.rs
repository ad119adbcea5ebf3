//! Controlled vocabularies: each value has one JSON name and a label in
//! Japanese and English, used by the schema (option titles), forms and paper.

use crate::Lang;

/// A value of a controlled vocabulary.
pub trait Vocabulary: Copy + 'static {
    /// The vocabulary's stable name, e.g. `facilityKind`: what templates, the page and
    /// the label catalog call it. Chosen by hand, so renaming a Rust type changes nothing.
    const NAME: &'static str;
    /// Every value, in form order.
    const ALL: &'static [Self];
    /// The name used in JSON.
    fn as_str(self) -> &'static str;
    /// The label shown to people.
    fn label(self, lang: Lang) -> &'static str;
}

/// Declares a vocabulary enum with its stable name; each variant's doc comment is
/// `日本語 / English`, which becomes its title in the schema and its label on paper.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident: $stable:literal {
            $($variant:ident = $json:literal => $ja:literal / $en:literal,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
        #[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
        pub enum $name {
            $(
                #[doc = $ja]
                #[doc = "/"]
                #[doc = $en]
                #[serde(rename = $json)]
                $variant,
            )*
        }

        impl $crate::vocab::Vocabulary for $name {
            const NAME: &'static str = $stable;
            const ALL: &'static [Self] = &[$(Self::$variant),*];

            fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $json,)* }
            }

            fn label(self, lang: $crate::Lang) -> &'static str {
                match (self, lang) {
                    $(
                        (Self::$variant, $crate::Lang::Ja) => $ja,
                        (Self::$variant, $crate::Lang::En) => $en,
                    )*
                }
            }
        }
    };
}

pub(crate) use vocabulary;

vocabulary! {
    /// # 言語 / Language
    ///
    /// 文書の記入言語 (BCP 47)。/ The language the document is written in (BCP 47).
    pub enum DocLanguage: "docLanguage" {
        Ja = "ja" => "日本語" / "Japanese",
        En = "en" => "英語" / "English",
    }
}

impl From<DocLanguage> for Lang {
    fn from(value: DocLanguage) -> Self {
        match value {
            DocLanguage::Ja => Lang::Ja,
            DocLanguage::En => Lang::En,
        }
    }
}

vocabulary! {
    /// # 性別 / Sex
    pub enum Sex: "sex" {
        Male = "male" => "男" / "Male",
        Female = "female" => "女" / "Female",
        Other = "other" => "その他" / "Other",
        Unknown = "unknown" => "不明" / "Unknown",
    }
}

vocabulary! {
    /// # 続柄 / Relationship
    ///
    /// こどもから見た続柄。/ Relationship to the child.
    pub enum Relationship: "relationship" {
        Mother = "mother" => "母" / "Mother",
        Father = "father" => "父" / "Father",
        Grandmother = "grandmother" => "祖母" / "Grandmother",
        Grandfather = "grandfather" => "祖父" / "Grandfather",
        LegalGuardian = "legalGuardian" => "未成年後見人" / "Legal guardian",
        FosterParent = "fosterParent" => "里親" / "Foster parent",
        FacilityHead = "facilityHead" => "施設長 (入所施設)" / "Head of residential facility",
        Sibling = "sibling" => "きょうだい" / "Sibling",
        Myself = "self" => "本人" / "The child",
        Other = "other" => "その他" / "Other",
    }
}

impl Relationship {
    /// Whether a person in this relationship holds parental authority or its
    /// equivalent (親権者・未成年後見人・児童福祉法上の施設長), and so may consent for a child.
    pub fn may_consent_for_child(self) -> bool {
        matches!(self, Self::Mother | Self::Father | Self::LegalGuardian | Self::FacilityHead)
    }
}

vocabulary! {
    /// # 施設の種別 / Facility kind
    pub enum FacilityKind: "facilityKind" {
        Nursery = "nursery" => "保育所" / "Nursery (day care)",
        Kindergarten = "kindergarten" => "幼稚園" / "Kindergarten",
        CertifiedChildcare = "certifiedChildcare" => "認定こども園" / "Certified childcare centre",
        School = "school" => "学校" / "School",
        SpecialNeedsSchool = "specialNeedsSchool" => "特別支援学校" / "Special-needs school",
        ChildDevelopmentSupport = "childDevelopmentSupport" => "児童発達支援" / "Child development support",
        AfterSchoolDayService = "afterSchoolDayService" => "放課後等デイサービス" / "After-school day service",
        ShortStay = "shortStay" => "短期入所" / "Short stay",
        HomeVisitNursing = "homeVisitNursing" => "訪問看護" / "Home-visit nursing",
        HomeCareOffice = "homeCareOffice" => "居宅介護・訪問介護事業所" / "Home-care office",
        Other = "other" => "その他" / "Other",
    }
}

impl FacilityKind {
    /// Addressees whose national instruction form (訪問看護指示書・喀痰吸引等指示書) is valid at most six months.
    pub fn has_six_month_limit(self) -> bool {
        matches!(self, Self::HomeVisitNursing | Self::HomeCareOffice)
    }

    /// Whether the staff there are nurses as a rule (no legal limit on non-nurse staff applies).
    pub fn is_nursing(self) -> bool {
        matches!(self, Self::HomeVisitNursing)
    }
}

vocabulary! {
    /// # 要介護認定 / Long-term care need level
    pub enum CareNeedLevel: "careNeedLevel" {
        NotApplied = "notApplied" => "未申請・対象外" / "Not applied or not eligible",
        Independent = "independent" => "自立 (非該当)" / "Independent",
        Support1 = "support1" => "要支援1" / "Support level 1",
        Support2 = "support2" => "要支援2" / "Support level 2",
        Care1 = "care1" => "要介護1" / "Care level 1",
        Care2 = "care2" => "要介護2" / "Care level 2",
        Care3 = "care3" => "要介護3" / "Care level 3",
        Care4 = "care4" => "要介護4" / "Care level 4",
        Care5 = "care5" => "要介護5" / "Care level 5",
    }
}

vocabulary! {
    /// # 障害支援区分 / Disability support category
    pub enum SupportCategory: "supportCategory" {
        NotApplicable = "notApplicable" => "非該当" / "Not applicable",
        Category1 = "category1" => "区分1" / "Category 1",
        Category2 = "category2" => "区分2" / "Category 2",
        Category3 = "category3" => "区分3" / "Category 3",
        Category4 = "category4" => "区分4" / "Category 4",
        Category5 = "category5" => "区分5" / "Category 5",
        Category6 = "category6" => "区分6" / "Category 6",
    }
}

vocabulary! {
    /// # 署名の方法 / How the document is signed
    pub enum SignatureMethod: "signatureMethod" {
        Handwritten = "handwritten" => "自署" / "Own-hand signature",
        NameAndSeal = "nameAndSeal" => "記名押印" / "Printed name and seal",
    }
}
