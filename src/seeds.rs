//! The four seed articles, embedded so `khobor` works from any directory with no PATH.

/// `(display path, raw bytes)` of each bundled seed, in file-name order.
pub const BUNDLED: &[(&str, &[u8])] = &[
    (
        "seeds/000_df5b3180a55f0cfe.txt",
        include_bytes!("../seeds/000_df5b3180a55f0cfe.txt"),
    ),
    (
        "seeds/001_9bf05ad85c3d2d7b.txt",
        include_bytes!("../seeds/001_9bf05ad85c3d2d7b.txt"),
    ),
    (
        "seeds/002_9f4aa213bdf76ba5.txt",
        include_bytes!("../seeds/002_9f4aa213bdf76ba5.txt"),
    ),
    (
        "seeds/003_25b3a8256d63ca77.txt",
        include_bytes!("../seeds/003_25b3a8256d63ca77.txt"),
    ),
];
