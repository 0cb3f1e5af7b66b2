//! Watching the site's sources. (Placeholder; being written.)
