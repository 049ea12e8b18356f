//! One file's role and columns in the import step, with the guesses filled in: the person
//! confirms (or changes) what the file holds and what each column means.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::i18n::{Lang, catalogue as m};
use crate::app::import::step::MappingEdit;
use crate::app::import::{FileMapping, FileRole, PendingFile, known_formulas, sample_values};
use crate::engine::formula::Direction;
use crate::ui::controls::{Select, checked};
use crate::ui::formula_panel::direction_options;
use crate::ui::state::use_lang;

/// Sets a field of a mapping from a select's value.
type FieldSetter = Box<dyn Fn(&mut FileMapping, String)>;

#[derive(Properties)]
pub(super) struct MappingProps {
    pub file: PendingFile,
    pub index: usize,
    pub on_edit: Callback<MappingEdit>,
}

impl PartialEq for MappingProps {
    fn eq(&self, other: &Self) -> bool {
        self.file == other.file && self.index == other.index
    }
}

/// One file's role and columns, with the guesses filled in.
#[component]
pub(super) fn FileMappingForm(props: &MappingProps) -> Html {
    let lang = use_lang();
    let (file, i) = (&props.file, props.index);
    let m = &file.mapping;
    // A select's new value, applied to the mapping by `f`.
    let edit = |f: FieldSetter| -> Callback<String> {
        let on_edit = props.on_edit.clone();
        let f = Rc::new(f);
        Callback::from(move |v: String| {
            let f = Rc::clone(&f);
            on_edit.emit(Box::new(move |m: &mut FileMapping| f(m, v)))
        })
    };
    let roles: Vec<(String, String, bool)> = FileRole::ALL.iter().map(|r| (r.id().to_string(), r.label(lang).to_string(), true)).collect();
    let id = |field: &str| format!("map-{i}-{field}");
    let columns = |none: Option<&str>| column_options(file, none);
    let known = if m.role == FileRole::Areas { known_formulas(&file.table) } else { Vec::new() };
    let starts_from = m.areas.known(&file.table).map(|(p, _)| p);
    html! {
        <fieldset class="mapping" data-testid={format!("mapping-{i}")}>
            <legend>{ lang.fill(m::FILE_ROWS, &[("file", &file.name()), ("n", &file.table.len())]) }</legend>
            if !file.table.source().is_plain() {
                <p class="hint" data-testid={format!("source-{i}")}>{ lang.fill(m::READ_AS, &[("how", &file.table.source().describe())]) }</p>
            }
            <Select id={id("role")} label={lang.t(m::THIS_FILE_HOLDS)} testid={format!("role-{i}")} options={roles} selected={m.role.id()}
                onchange={edit(Box::new(|m, v| m.role = FileRole::from_id(&v)))} />
            { match m.role {
                FileRole::Areas => html! {
                    <>
                        <div class="two">
                            <Select id={id("area-id")} label={lang.t(m::AREA_ID_COLUMN)} testid={format!("area-id-{i}")} options={columns(None)} selected={m.areas.id.clone()}
                                onchange={edit(Box::new(|m, v| m.areas.id = v))} />
                            <Select id={id("population")} label={lang.t(m::POPULATION_WEIGHTS)} testid={format!("population-{i}")}
                                options={columns(Some(lang.t(m::NO_POPULATION)))} selected={m.areas.population.clone().unwrap_or_default()}
                                onchange={edit(Box::new(|m, v| m.areas.population = (!v.is_empty()).then_some(v)))} />
                        </div>
                        if !known.is_empty() {
                            <div class="known-formulas">
                                <p class="hint">{ lang.t(m::KNOWN_FORMULA_HINT) }</p>
                                <div class="buttons">
                                    { for known.iter().map(|(preset, formula)| {
                                        let label = lang.plural(formula.indicators.len(), m::TICK_KNOWN_ONE, m::TICK_KNOWN, &[("formula", &preset.label(lang)), ("tiers", &formula.tiers.count)]);
                                        let (preset, formula) = (*preset, formula.clone());
                                        let on_edit = props.on_edit.clone();
                                        let onclick = Callback::from(move |_| {
                                            let formula = formula.clone();
                                            on_edit.emit(Box::new(move |m: &mut FileMapping| m.areas.pick_known(preset, &formula)))
                                        });
                                        html! {
                                            <button type="button" {onclick} data-testid={format!("known-{}-{i}", preset.id())}
                                                aria-pressed={(starts_from == Some(preset)).to_string()}>
                                                { label }
                                            </button>
                                        }
                                    }) }
                                </div>
                                <p class="hint" data-testid={format!("starts-from-{i}")}>
                                    { match &starts_from {
                                        Some(p) => lang.fill(m::STARTS_FROM_KNOWN, &[("formula", &p.label(lang))]),
                                        None => lang.t(m::STARTS_FROM_EQUAL).to_string(),
                                    } }
                                </p>
                            </div>
                        }
                        { indicator_table(file, i, &props.on_edit, lang) }
                    </>
                },
                FileRole::Schools => html! {
                    <div class="two">
                        <Select id={id("school-id")} label={lang.t(m::SCHOOL_ID)} testid={format!("school-id-{i}")} options={columns(None)} selected={m.schools.id.clone()} onchange={edit(Box::new(|m, v| m.schools.id = v))} />
                        <Select id={id("school-name")} label={lang.t(m::NAME)} testid={format!("school-name-{i}")} options={columns(Some(lang.t(m::NONE)))} selected={m.schools.name.clone()} onchange={edit(Box::new(|m, v| m.schools.name = v))} />
                        <Select id={id("school-level")} label={lang.t(m::LEVEL)} testid={format!("school-level-{i}")} options={columns(Some(lang.t(m::NONE)))} selected={m.schools.level.clone()} onchange={edit(Box::new(|m, v| m.schools.level = v))} />
                    </div>
                },
                FileRole::Enrollment | FileRole::Students => html! {
                    <div class="two">
                        <Select id={id("enr-area")} label={lang.t(m::AREA_ID)} testid={format!("enr-area-{i}")} options={columns(None)} selected={m.enrollment.area.clone()} onchange={edit(Box::new(|m, v| m.enrollment.area = v))} />
                        <Select id={id("enr-school")} label={lang.t(m::SCHOOL_ID)} testid={format!("enr-school-{i}")} options={columns(None)} selected={m.enrollment.school.clone()} onchange={edit(Box::new(|m, v| m.enrollment.school = v))} />
                        if m.role == FileRole::Enrollment {
                            <Select id={id("enr-count")} label={lang.t(m::STUDENTS)} testid={format!("enr-count-{i}")} options={columns(None)} selected={m.enrollment.students.clone()} onchange={edit(Box::new(|m, v| m.enrollment.students = v))} />
                        } else {
                            <Select id={id("enr-student")} label={lang.t(m::STUDENT_ID)} testid={format!("enr-student-{i}")} options={columns(None)} selected={m.enrollment.student.clone()} onchange={edit(Box::new(|m, v| m.enrollment.student = v))} />
                        }
                    </div>
                },
                FileRole::Ignore => html! {},
            } }
        </fieldset>
    }
}

fn column_options(file: &PendingFile, none: Option<&str>) -> Vec<(String, String, bool)> {
    let mut options: Vec<(String, String, bool)> = none.map(|n| vec![(String::new(), n.to_string(), true)]).unwrap_or_default();
    options.extend(file.table.headers().iter().map(|h| (h.clone(), h.clone(), true)));
    options
}

/// The area file's columns as indicators: whether each is used, its first values, what more
/// of it means, and its group.
fn indicator_table(file: &PendingFile, i: usize, on_edit: &Callback<MappingEdit>, lang: Lang) -> Html {
    let m = &file.mapping;
    let edit = |f: FieldSetter| -> Callback<String> {
        let on_edit = on_edit.clone();
        let f = Rc::new(f);
        Callback::from(move |v: String| {
            let f = Rc::clone(&f);
            on_edit.emit(Box::new(move |m: &mut FileMapping| f(m, v)))
        })
    };
    html! {
        <table class="indicator-map">
            <caption>{ lang.t(m::INDICATORS_TICK) }</caption>
            <thead><tr><th scope="col">{ lang.t(m::USE) }</th><th scope="col">{ lang.t(m::COLUMN) }</th><th scope="col">{ lang.t(m::FIRST_VALUES) }</th><th scope="col">{ lang.t(m::MORE_OF_IT_MEANS) }</th><th scope="col">{ lang.t(m::GROUP_COLUMN) }</th></tr></thead>
            <tbody>
                { for m.areas.indicators.iter().enumerate().map(|(k, ind)| {
                    let on_use = {
                        let on_edit = on_edit.clone();
                        Callback::from(move |e: Event| {
                            let on = checked(&e);
                            on_edit.emit(Box::new(move |m: &mut FileMapping| m.areas.indicators[k].included = on))
                        })
                    };
                    let use_id = format!("map-{i}-use-{k}");
                    html! {
                        <tr>
                            <td><input type="checkbox" id={use_id.clone()} checked={ind.included} onchange={on_use} data-testid={format!("use-{i}-{k}")} /></td>
                            <td translate="no"><label for={use_id}>{ ind.column.clone() }</label></td>
                            <td class="samples" translate="no" data-label={lang.t(m::FIRST_VALUES)} data-testid={format!("samples-{i}-{k}")}>{ sample_values(&file.table, &ind.column, 3).join(" · ") }</td>
                            <td class="direction" data-label={lang.t(m::MORE_OF_IT_MEANS)}>
                                <Select id={format!("map-{i}-dir-{k}")} label={lang.fill(m::MORE_OF_COLUMN_MEANS, &[("column", &ind.column)])} label_hidden=true testid={format!("dir-{i}-{k}")}
                                    options={direction_options(lang)}
                                    selected={if ind.direction == Direction::Advantage { "advantage" } else { "disadvantage" }}
                                    onchange={edit(Box::new(move |m, v| m.areas.indicators[k].direction = if v == "disadvantage" { Direction::Disadvantage } else { Direction::Advantage }))} />
                            </td>
                            <td class="group" data-label={lang.t(m::GROUP_COLUMN)}>
                                // A name groups the ticked indicators into domains (formula file v2).
                                <label for={format!("map-{i}-group-{k}")} class="visually-hidden">{ lang.fill(m::GROUP_OF_COLUMN, &[("column", &ind.column)]) }</label>
                                <input type="text" id={format!("map-{i}-group-{k}")} class="group-name" size="10" maxlength="60" value={ind.group.clone()}
                                    data-testid={format!("group-{i}-{k}")} disabled={!ind.included}
                                    onchange={let on_edit = on_edit.clone(); Callback::from(move |e: Event| {
                                        let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
                                        on_edit.emit(Box::new(move |m: &mut FileMapping| m.areas.indicators[k].group = v.trim().to_owned()))
                                    })} />
                            </td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}
