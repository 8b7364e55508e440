//! A feed's outlet from its URL's host, through the `hosts` lists of assets/outlets.toml.

use std::sync::OnceLock;

use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    outlet: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    #[serde(default)]
    hosts: Vec<String>,
}

/// (host, outlet name) pairs, hosts lower-case.
fn table() -> &'static [(String, String)] {
    static TABLE: OnceLock<Vec<(String, String)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let file: File = toml::from_str(include_str!("../../assets/outlets.toml"))
            .unwrap_or_else(|e| panic!("assets/outlets.toml is invalid: {e}"));
        file.outlet
            .into_iter()
            .flat_map(|o| {
                let name = o.name;
                o.hosts
                    .into_iter()
                    .map(move |h| (h.to_ascii_lowercase(), name.clone()))
            })
            .collect()
    })
}

/// The outlet whose host list has `host` or a parent domain of it (`bangla.bdnews24.com`
/// matches `bdnews24.com`).
pub(crate) fn for_host(host: &str) -> Option<&'static str> {
    let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
    table()
        .iter()
        .filter(|(h, _)| host == *h || host.ends_with(&format!(".{h}")))
        .max_by_key(|(h, _)| h.len())
        .map(|(_, name)| name.as_str())
}
