//! Text normalisation before segmentation. (Placeholder: identity; being replaced.)

/// Normalises a decoded page.
pub fn normalize(text: &str) -> String {
    text.replace("\r\n", "\n")
}
