//! The site's public address for `cargo xtask dist`: canonical links, Open Graph URLs,
//! feeds, the sitemap and `robots.txt` all name it, so `dist` never guesses it.
//!
//! [`resolve`] tries an ordered list of [`SOURCES`]: the `--site-url` flag, the
//! `site_url` key of `broadsheet.toml`, then the variables a host sets during its build
//! (Netlify, Cloudflare Pages, GitHub Actions). The first that answers wins; when none
//! does, the error names the flag, the key and every variable looked at. A new source is
//! one more entry in [`SOURCES`], at its place in the order.

use crate::util::{Error, Result};

/// What a source may read: the flag and the environment (a function, so tests pass a
/// table instead of the process's variables).
pub struct Inputs<'a> {
    /// The value of `--site-url`, if given.
    pub flag: Option<&'a str>,
    /// The `site_url` of `broadsheet.toml` (or `--config FILE`), if set.
    pub config: Option<&'a str>,
    /// The base path, `/` or `/sub/path/` (normalised).
    pub base: &'a str,
    /// Reads an environment variable; `None` when unset or empty.
    pub env: &'a dyn Fn(&str) -> Option<String>,
}

/// The name of the configuration file's source.
pub const CONFIG: &str = "site_url in broadsheet.toml (or --config FILE)";

/// The name of the GitHub Pages source, which also decides the base path.
pub const GITHUB_PAGES: &str = "GITHUB_REPOSITORY with GITHUB_ACTIONS=true (GitHub Pages)";

/// One place the address may come from.
pub struct Source {
    /// How errors and the build's summary name it.
    pub name: &'static str,
    /// The address it gives (not yet validated), or `None` when it has none.
    pub read: fn(&Inputs) -> Option<String>,
}

/// Every source, in the order they are tried.
pub const SOURCES: &[Source] = &[
    Source {
        name: "--site-url",
        read: |i| i.flag.map(str::to_string),
    },
    // The site's own file: after the flag (a one-off build elsewhere), before the hosts
    // (a host's address is a guess; the file is what the site's owner wrote).
    Source {
        name: CONFIG,
        read: |i| i.config.map(str::to_string),
    },
    Source {
        name: "URL with NETLIFY=true (Netlify)",
        read: |i| {
            let on = (i.env)("NETLIFY").is_some_and(|v| v == "true");
            on.then(|| (i.env)("URL"))
                .flatten()
                .map(|u| with_base(&u, i.base))
        },
    },
    Source {
        name: "CF_PAGES_URL (Cloudflare Pages)",
        read: |i| (i.env)("CF_PAGES_URL").map(|u| with_base(&u, i.base)),
    },
    Source {
        name: GITHUB_PAGES,
        read: |i| {
            let on = (i.env)("GITHUB_ACTIONS").is_some_and(|v| v == "true");
            on.then(|| (i.env)("GITHUB_REPOSITORY"))
                .flatten()
                .and_then(|r| github_pages(&r))
        },
    },
];

/// A host's origin (`https://x.netlify.app`) with the site's base path.
fn with_base(origin: &str, base: &str) -> String {
    format!("{}{base}", origin.trim().trim_end_matches('/'))
}

/// The GitHub Pages address of `owner/repo`: `https://owner.github.io/repo/`, or
/// `https://owner.github.io/` for the user or organisation site `owner.github.io`.
fn github_pages(repository: &str) -> Option<String> {
    let (owner, repo) = repository.trim().split_once('/')?;
    if owner.is_empty() || repo.is_empty() || repo.contains('/') {
        return None;
    }
    let host = format!("{}.github.io", owner.to_ascii_lowercase());
    if repo.eq_ignore_ascii_case(&host) {
        Some(format!("https://{host}/"))
    } else {
        Some(format!("https://{host}/{repo}/"))
    }
}

/// The site's address, ending in `/`, and the name of the source that gave it.
pub fn resolve(inputs: &Inputs) -> Result<(String, &'static str)> {
    for source in SOURCES {
        if let Some(url) = (source.read)(inputs) {
            return Ok((validate(&url, source.name)?, source.name));
        }
    }
    // The hosts: every source after the flag and the configuration file.
    let names: Vec<&str> = SOURCES[2..].iter().map(|s| s.name).collect();
    Err(Error::Msg(format!(
        "no public address for the site: pass --site-url URL (e.g. --site-url \
         https://news.example.org/) or set site_url in broadsheet.toml; canonical links, \
         link previews, feeds and the sitemap need it. Without either, dist reads the \
         address a host sets during its build; none is set here (looked at: {}). `cargo \
         xtask serve` needs no address.",
        names.join("; ")
    )))
}

/// [`resolve`] with the process's environment; `config` is the configuration file's
/// `site_url`.
pub fn from_env(
    flag: Option<&str>,
    config: Option<&str>,
    base: &str,
) -> Result<(String, &'static str)> {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    resolve(&Inputs {
        flag,
        config,
        base,
        env: &env,
    })
}

/// `url` as an absolute `http(s)` address without query or fragment, ending in `/`;
/// an error naming `from` otherwise.
pub fn validate(url: &str, from: &str) -> Result<String> {
    let bad = |why: &str| {
        Error::Msg(format!(
            "{from}: `{url}` {why} (expected an absolute http(s) address such as \
             https://news.example.org/ or https://user.github.io/repo/)"
        ))
    };
    let rest = ["https://", "http://"]
        .iter()
        .find_map(|scheme| {
            url.get(..scheme.len())
                .filter(|s| s.eq_ignore_ascii_case(scheme))
                .map(|_| &url[scheme.len()..])
        })
        .ok_or_else(|| bad("is not an absolute http(s) URL"))?;
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad("contains whitespace"));
    }
    if url.contains('?') {
        return Err(bad("has a query (?…), which a site address cannot have"));
    }
    if url.contains('#') {
        return Err(bad("has a fragment (#…), which a site address cannot have"));
    }
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() || host.contains('@') || host.starts_with(':') {
        return Err(bad("has no host name"));
    }
    Ok(format!("{}/", url.trim_end_matches('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(
        flag: Option<&str>,
        base: &str,
        vars: &[(&str, &str)],
    ) -> Result<(String, &'static str)> {
        with_config(flag, None, base, vars)
    }

    fn with_config(
        flag: Option<&str>,
        config: Option<&str>,
        base: &str,
        vars: &[(&str, &str)],
    ) -> Result<(String, &'static str)> {
        let table: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let env = move |name: &str| {
            table
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        resolve(&Inputs {
            flag,
            config,
            base,
            env: &env,
        })
    }

    fn url(flag: Option<&str>, base: &str, vars: &[(&str, &str)]) -> String {
        with(flag, base, vars).unwrap().0
    }

    const EVERY_HOST: &[(&str, &str)] = &[
        ("NETLIFY", "true"),
        ("URL", "https://n.example.org"),
        ("CF_PAGES_URL", "https://abc.site.pages.dev"),
        ("GITHUB_ACTIONS", "true"),
        ("GITHUB_REPOSITORY", "Owner/repo"),
    ];

    #[test]
    fn the_flag_wins_over_every_host() {
        let (u, from) = with(Some("https://flag.example.org"), "/", EVERY_HOST).unwrap();
        assert_eq!(
            (u.as_str(), from),
            ("https://flag.example.org/", "--site-url")
        );
    }

    #[test]
    fn the_configuration_comes_after_the_flag_and_before_the_hosts() {
        let file = Some("https://file.example.org/news");
        let (u, from) = with_config(None, file, "/", EVERY_HOST).unwrap();
        assert_eq!(
            (u.as_str(), from),
            ("https://file.example.org/news/", CONFIG)
        );
        let flag = Some("https://flag.example.org");
        assert_eq!(
            with_config(flag, file, "/", EVERY_HOST).unwrap().1,
            "--site-url"
        );
        let e = with_config(None, Some("file.example.org"), "/", &[])
            .unwrap_err()
            .to_string();
        assert!(e.starts_with(CONFIG), "{e}");
    }

    #[test]
    fn each_host_variable_gives_the_address() {
        assert_eq!(
            url(
                None,
                "/news/",
                &[("NETLIFY", "true"), ("URL", "https://n.example.org/")]
            ),
            "https://n.example.org/news/"
        );
        assert_eq!(
            url(None, "/", &[("CF_PAGES_URL", "https://abc.site.pages.dev")]),
            "https://abc.site.pages.dev/"
        );
        let gh = |repo| {
            url(
                None,
                "/",
                &[("GITHUB_ACTIONS", "true"), ("GITHUB_REPOSITORY", repo)],
            )
        };
        assert_eq!(gh("Owner/repo"), "https://owner.github.io/repo/");
        assert_eq!(gh("owner/Owner.github.io"), "https://owner.github.io/");
        // In the order of SOURCES: Netlify before Cloudflare before GitHub.
        assert_eq!(with(None, "/", EVERY_HOST).unwrap().1, SOURCES[2].name);
        assert_eq!(
            with(None, "/", &EVERY_HOST[2..]).unwrap().1,
            SOURCES[3].name
        );
    }

    #[test]
    fn a_variable_alone_is_not_its_host() {
        // `URL` is a common name: only Netlify's counts. GITHUB_REPOSITORY outside
        // GitHub Actions (a developer's shell) does not either.
        for vars in [
            &[("URL", "https://n.example.org")][..],
            &[("GITHUB_REPOSITORY", "owner/repo")][..],
            &[
                ("GITHUB_ACTIONS", "true"),
                ("GITHUB_REPOSITORY", "nonsense"),
            ][..],
        ] {
            assert!(with(None, "/", vars).is_err(), "{vars:?}");
        }
    }

    #[test]
    fn without_a_source_the_error_names_the_flag_and_every_variable() {
        let e = with(None, "/", &[]).unwrap_err().to_string();
        for want in [
            "--site-url",
            "site_url in broadsheet.toml",
            "URL with NETLIFY=true",
            "CF_PAGES_URL",
            "GITHUB_REPOSITORY",
            "GITHUB_ACTIONS",
        ] {
            assert!(e.contains(want), "{want}: {e}");
        }
    }

    #[test]
    fn addresses_are_validated() {
        assert_eq!(validate("https://x.org", "f").unwrap(), "https://x.org/");
        assert_eq!(
            validate("http://x.org/a//", "f").unwrap(),
            "http://x.org/a/"
        );
        assert_eq!(
            validate("HTTPS://x.org/a/", "f").unwrap(),
            "HTTPS://x.org/a/"
        );
        for (bad, why) in [
            ("x.org", "not an absolute http(s) URL"),
            ("/news/", "not an absolute http(s) URL"),
            ("ftp://x.org/", "not an absolute http(s) URL"),
            ("https://", "no host name"),
            ("https:///path", "no host name"),
            ("https://x.org/?a=1", "query"),
            ("https://x.org/#top", "fragment"),
            ("https://x .org/", "whitespace"),
        ] {
            let e = validate(bad, "--site-url").unwrap_err().to_string();
            assert!(
                e.contains(why) && e.starts_with("--site-url: "),
                "{bad}: {e}"
            );
        }
        let e = with(Some("example.org"), "/", &[]).unwrap_err().to_string();
        assert!(e.contains("--site-url: `example.org`"), "{e}");
    }
}
