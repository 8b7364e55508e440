//! Reading, validating and printing `config.toml`.

use super::*;
use crate::keymap::{Command, Mode};
use ratatui::style::{Color, Modifier};

fn parse(text: &str) -> Result<Config, Error> {
    Config::parse(text, Path::new("/home/u/.config/khobor/config.toml"))
}

/// `(line, column, message)` of an error at a place.
fn error_at(text: &str) -> (usize, usize, String) {
    match parse(text) {
        Err(Error::Config {
            line,
            column,
            message,
            ..
        }) => (line, column, message),
        other => panic!("expected an error at a place, got {other:?}"),
    }
}

#[test]
fn empty_file_is_the_defaults() {
    let c = parse("").unwrap();
    assert_eq!(c.width, WidthPolicy::Terminal);
    assert_eq!(c.theme, ThemeName::Dark);
    assert_eq!(c.dates, DateDisplay::Gregorian);
    assert!(c.paths.is_empty() && c.styles.is_empty());
}

#[test]
fn every_field_is_read() {
    let c = parse(
        "paths = [\"news\", \"/srv/khobor\"]\nwidth = \"grapheme\"\ntheme = \"light\"\n\
         dates = \"bengali\"\n[styles]\nselected = { bg = \"blue\" }\n[keys.normal]\nx = \"quit\"\n",
    )
    .unwrap();
    assert_eq!(
        c.paths,
        [
            PathBuf::from("/home/u/.config/khobor/news"),
            PathBuf::from("/srv/khobor")
        ]
    );
    assert_eq!(c.width, WidthPolicy::Grapheme);
    assert_eq!(c.theme, ThemeName::Light);
    assert_eq!(c.dates, DateDisplay::Bengali);
    assert!(c.styles.contains_key("selected"));
    assert_eq!(c.keys.normal.get("x").map(String::as_str), Some("quit"));
}

#[test]
fn interface_mouse_and_saved_searches_are_read_and_written_back() {
    let text = "mouse = false\n[ui]\nlanguage = \"bn\"\nentity_names = \"bengali\"\n\
                [searches]\nRohingya = \"rohingya !source:tass\"\n\"বন্যা\" = \"বন্যা\"\n";
    let c = parse(text).unwrap();
    assert_eq!(c.mouse, Some(false));
    assert_eq!(c.ui.language, crate::strings::Language::Bn);
    assert_eq!(c.ui.entity_names, crate::settings::EntityNames::Bengali);
    let names: Vec<&str> = c.searches.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Rohingya", "বন্যা"]);
    let again = parse(&c.to_toml().unwrap()).unwrap();
    assert_eq!(again.searches, c.searches);
    assert_eq!((again.mouse, again.ui), (c.mouse, c.ui));
}

#[test]
fn a_saved_search_that_does_not_parse_names_config_line_and_column() {
    let (line, column, message) = error_at("[searches]\nok = \"বন্যা\"\nbad = \"colour:red\"\n");
    assert_eq!((line, column), (3, 7));
    assert!(
        message.contains("`bad`") && message.contains("colour"),
        "{message}"
    );
    let (line, _, message) = error_at("[ui]\nlanguage = \"fr\"\n");
    assert_eq!(line, 2);
    assert!(message.contains("fr"), "{message}");
}

#[test]
fn unknown_field_names_its_line() {
    let (line, column, message) = error_at("width = \"terminal\"\n\ncolour = \"red\"\n");
    assert_eq!((line, column), (3, 1));
    assert!(message.contains("unknown field `colour`"), "{message}");
}

#[test]
fn bad_values_name_their_line() {
    let (line, _, message) = error_at("theme = \"dark\"\nwidth = \"wide\"\n");
    assert_eq!(line, 2);
    assert!(message.contains("wide"), "{message}");
    let (line, _, _) = error_at("dates = \"julian\"\n");
    assert_eq!(line, 1);
    let (line, _, _) = error_at("paths = \"not a list\"\n");
    assert_eq!(line, 1);
}

#[test]
fn bad_styles_name_their_line() {
    let (line, column, message) = error_at("[styles]\nborder = {}\nbordr = { fg = \"red\" }\n");
    assert_eq!((line, column), (3, 1));
    assert!(
        message.contains("unknown style element `bordr`"),
        "{message}"
    );
    let (line, _, message) = error_at("[styles]\n\nmatch = { fg = \"yelow\" }\n");
    assert_eq!(line, 3);
    assert!(message.contains("yelow"), "{message}");
    let (_, _, message) = error_at("[styles]\nmatch = { fg = \"red\", blink = true }\n");
    assert!(message.contains("blink"), "{message}");
    let (_, _, message) = error_at("[styles]\nmatch = \"red\"\n");
    assert!(message.contains("table"), "{message}");
}

#[test]
fn bad_key_overrides_name_their_line() {
    let (line, _, message) = error_at("[keys.normal]\nx = \"quit\"\ny = \"fly\"\n");
    assert_eq!(line, 3);
    assert!(message.contains("unknown command `fly`"), "{message}");
    let (line, _, message) = error_at("[keys.normal]\n\"Hyper-x\" = \"quit\"\n");
    assert_eq!(line, 2);
    assert!(message.contains("Hyper-x"), "{message}");
    // A command of another table is not a command here.
    let (_, _, message) = error_at("[keys.normal]\nx = \"filter_accept\"\n");
    assert!(message.contains("filter_accept"), "{message}");
    let (line, _, _) = error_at("[keys]\nbrowse = {}\n");
    assert_eq!(line, 2);
    let (line, _, message) = error_at("[keys.filter]\n\"Ctrl-k\" = \"up\"\nk = \"up\"\n");
    assert_eq!(line, 3);
    assert!(message.contains("type into the filter"), "{message}");
}

#[test]
fn error_message_shows_file_line_and_text() {
    let e = parse("width = \"terminal\"\nthem = \"dark\"\n").unwrap_err();
    let text = e.to_string();
    assert!(
        text.starts_with("/home/u/.config/khobor/config.toml:2:1: "),
        "{text}"
    );
    assert!(text.contains("line 2 is `them = \"dark\"`"), "{text}");
}

#[test]
fn error_message_is_one_safe_line_however_hostile_the_file() {
    let shown = parse("# \u{1b}]2;PWNED\u{7}\u{202e}\n")
        .unwrap_err()
        .to_string();
    assert!(
        shown.starts_with("/home/u/.config/khobor/config.toml:1:3: "),
        "{shown}"
    );
    assert!(
        !shown.contains(['\u{1b}', '\u{7}', '\u{202e}', '\n']),
        "{shown}"
    );
    let huge = "x".repeat(5_000_000);
    let shown = parse(&format!("width = \"{huge}\"\n"))
        .unwrap_err()
        .to_string();
    assert!(shown.len() < 3000, "{} bytes", shown.len());
    assert!(
        shown.contains("1:9: "),
        "{}",
        &shown[..200.min(shown.len())]
    );
}

#[test]
fn printed_config_reads_back_the_same() {
    let c = parse(
        "paths = [\"/srv/news\"]\ntheme = \"light\"\ndates = \"bengali\"\n\
         [styles]\nmatch = { fg = \"red\", modifiers = [\"bold\"] }\n\
         [keys.normal]\nx = \"quit\"\nq = \"none\"\n[keys.help]\nh = \"help\"\n",
    )
    .unwrap();
    let printed = c.to_toml().unwrap();
    let again = parse(&printed).unwrap();
    assert_eq!(again, c, "{printed}");
    let defaults = Config::default().to_toml().unwrap();
    assert_eq!(parse(&defaults).unwrap().paths, Vec::<PathBuf>::new());
    assert!(defaults.contains("built-in defaults"), "{defaults}");
}

#[test]
fn style_overrides_and_light_theme_apply() {
    let c = parse("theme = \"light\"\n[styles]\nmatch = { fg = \"red\" }\n").unwrap();
    let theme = c.theme(false).unwrap();
    assert_eq!(theme.matched.0.fg, Some(Color::Red));
    assert_eq!(
        theme.matched.0.add_modifier,
        Modifier::empty(),
        "an override replaces the whole style"
    );
    assert_ne!(theme.selected, Theme::embedded().unwrap().selected);
}

#[test]
fn both_shipped_themes_style_every_element() {
    for name in ["dark", "light"] {
        let c = parse(&format!("theme = \"{name}\"\n")).unwrap();
        assert!(c.theme(false).is_ok(), "{name}");
    }
    let light: Table = toml::from_str(theme::LIGHT).unwrap();
    let light: BTreeSet<String> = light["styles"]
        .as_table()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(light, theme_elements());
}

#[test]
fn no_color_removes_every_colour_and_keeps_highlights_visible() {
    let c = parse("[styles]\nborder = { fg = \"red\", bg = \"blue\" }\n").unwrap();
    let theme = c.theme(true).unwrap();
    let all = [
        theme.border,
        theme.selected,
        theme.selected_unfocused,
        theme.matched,
        theme.active,
        theme.status,
        theme.person,
    ];
    for named in all {
        assert_eq!((named.0.fg, named.0.bg), (None, None), "{named:?}");
    }
    assert!(
        theme
            .selected_unfocused
            .0
            .add_modifier
            .contains(Modifier::REVERSED)
    );
    assert!(theme.border.0.add_modifier.contains(Modifier::REVERSED));
    assert!(theme.matched.0.add_modifier.contains(Modifier::UNDERLINED));
}

#[test]
fn key_overrides_rebind_and_unbind() {
    let c = parse(
        "[keys.normal]\nx = \"quit\"\nj = \"up\"\nq = \"none\"\n[keys.filter]\n\"Ctrl-j\" = \"down\"\n",
    )
    .unwrap();
    let m = c.keymap().unwrap();
    let n = Mode::Normal;
    let key = |c| Key::plain(KeyCode::Char(c));
    assert_eq!(m.lookup(n, key('x')), Some(Command::Quit));
    assert_eq!(m.lookup(n, key('j')), Some(Command::Up), "moved off `down`");
    assert_eq!(m.lookup(n, key('q')), None);
    assert_eq!(m.lookup(n, Key::ctrl('c')), Some(Command::Quit));
    assert_eq!(m.lookup(n, Key::plain(KeyCode::Down)), Some(Command::Down));
    assert_eq!(m.lookup(Mode::Filter, Key::ctrl('j')), Some(Command::Down));
    let quit = m
        .table(n)
        .iter()
        .find(|b| b.command == Command::Quit)
        .unwrap();
    assert_eq!(
        quit.keys,
        ["Ctrl-c", "x"],
        "the help screen shows the keys in effect"
    );
}

#[test]
fn command_line_width_wins() {
    let c = parse("width = \"unicode\"\n").unwrap();
    assert_eq!(c.options(None, false).unwrap().policy, WidthPolicy::Unicode);
    assert_eq!(
        c.options(Some(WidthPolicy::Grapheme), false)
            .unwrap()
            .policy,
        WidthPolicy::Grapheme
    );
}

#[test]
fn missing_explicit_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.toml");
    let e = Config::load(Some(&missing)).unwrap_err();
    assert!(e.to_string().contains("nope.toml"), "{e}");
}
