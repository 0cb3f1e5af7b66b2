//! The preview HTTP server. (Placeholder; being written.)
