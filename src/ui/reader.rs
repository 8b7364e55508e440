//! The reader: title, a meta line (date · publisher · sources), and the body wrapped by terminal
//! width with entity mentions tinted by kind.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::pane;
use super::text::{StyledText, TextBlock, WidthPolicy};
use super::theme::Theme;
use crate::app::App;
use crate::article::{Article, Block, Published};

/// `2025-07-13 13:28 · publisher · Sources: Al Jazeera, TASS`, leaving out what is unknown.
fn meta_line(a: &Article) -> String {
    let mut parts = vec![match a.published {
        Some(Published::DateTime(dt)) => dt.format("%Y-%m-%d %H:%M").to_string(),
        Some(Published::Date(d)) => d.format("%Y-%m-%d").to_string(),
        None => "undated".to_string(),
    }];
    parts.extend(a.publisher.clone());
    if !a.sources.is_empty() {
        let names: Vec<&str> = a.sources.iter().map(|s| s.name.as_str()).collect();
        parts.push(format!("Sources: {}", names.join(", ")));
    }
    parts.join(" · ")
}

/// The reader's lines before wrapping. Without a theme (to count rows) nothing is styled.
fn lines<'a>(
    a: &'a Article,
    meta: &'a str,
    theme: Option<&Theme>,
    policy: WidthPolicy,
) -> Vec<StyledText<'a>> {
    let style = |f: fn(&Theme) -> Style| theme.map_or(Style::new(), f);
    let mentions = |block: Block| -> Vec<(std::ops::Range<usize>, Style)> {
        let Some(theme) = theme else {
            return Vec::new();
        };
        a.entities
            .iter()
            .flat_map(|e| {
                e.spans
                    .iter()
                    .filter(move |s| s.block == block)
                    .map(move |s| (s.range.clone(), theme.entity(e.kind)))
            })
            .collect()
    };
    let mut out = vec![
        StyledText::new(
            &a.title,
            style(|t| t.reader_title.0),
            &mentions(Block::Title),
            policy,
        ),
        StyledText::plain(meta, style(|t| t.meta.0), policy),
    ];
    for (i, p) in a.body.iter().enumerate() {
        out.push(StyledText::default());
        out.push(StyledText::new(
            p,
            Style::new(),
            &mentions(Block::Body(i)),
            policy,
        ));
    }
    out
}

/// Rows the article takes in a reader `width` columns wide.
pub fn row_count(a: &Article, width: u16, policy: WidthPolicy) -> usize {
    let meta = meta_line(a);
    TextBlock {
        lines: lines(a, &meta, None, policy),
        wrap: true,
        ..TextBlock::default()
    }
    .row_count(width)
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer, focused: bool) {
    let theme = &app.options.theme;
    let block = pane(" Reader ", focused, theme);
    let inner = block.inner(area);
    let Some(a) = app.selected_article() else {
        block.render(area, buf);
        TextBlock::default().render(inner, buf);
        return;
    };
    let meta = meta_line(a);
    let text = TextBlock {
        lines: lines(a, &meta, Some(theme), app.options.policy),
        scroll: app.view.reader_scroll,
        wrap: true,
        fill: Style::new(),
    };
    let rows = text.row_count(inner.width);
    let last = (text.scroll + usize::from(inner.height)).min(rows);
    let position = format!(" {}-{last}/{rows} ", (text.scroll + 1).min(last));
    block
        .title_bottom(Line::from(position).right_aligned())
        .render(area, buf);
    text.render(inner, buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Entity, EntityKind, SourceRef, SourceRole, Span};

    #[test]
    fn mentions_are_tinted_by_kind_on_whole_clusters() {
        let body = "রাশিয়ার পররাষ্ট্রমন্ত্রী লাভরভ".to_string();
        let at = body.find("লাভরভ").unwrap();
        let a = Article {
            title: "শিরোনাম".to_string(),
            body: vec![body.clone()],
            sources: vec![SourceRef {
                name: "TASS".to_string(),
                name_bn: "তাস".to_string(),
                role: SourceRole::Credit,
            }],
            entities: vec![Entity {
                id: "gaz:lavrov".to_string(),
                kind: EntityKind::Person,
                name: "লাভরভ".to_string(),
                name_en: Some("Sergei Lavrov".to_string()),
                aliases: Vec::new(),
                mentions: 1,
                // Only the first byte of the first letter: the whole cluster must be tinted.
                spans: vec![Span {
                    block: Block::Body(0),
                    range: at..at + 1,
                }],
            }],
            ..Article::default()
        };
        let theme = Theme::embedded().unwrap();
        let meta = meta_line(&a);
        assert_eq!(meta, "undated · Sources: TASS");
        let lines = lines(&a, &meta, Some(&theme), WidthPolicy::Terminal);
        let tinted: Vec<&str> = lines[3]
            .clusters
            .iter()
            .filter(|c| c.style == theme.person.0)
            .map(|c| c.text)
            .collect();
        assert_eq!(tinted, ["লা"]);
        // Title 1 row, meta (23 columns) 2, blank 1, body (over 20 columns) 2.
        assert_eq!(row_count(&a, 20, WidthPolicy::Terminal), 6);
    }
}
