//! Every message of the app, English and Spanish side by side, grouped by where it appears.
//!
//! Words used throughout: tier = nivel (as Chicago Public Schools' Spanish notices say "Nivel
//! 1"), baseline = referencia, ranking = clasificación, neighbourhood = vecindario, weight =
//! peso, allocation = asignación, school level = etapa. `{name}`s are filled in by
//! [`super::Lang::fill`]; both languages must use the same ones (tested).

use super::Msg;

macro_rules! catalogue {
    ($($name:ident: $en:literal / $es:literal;)*) => {
        $(pub const $name: Msg = Msg { en: $en, es: $es };)*
        /// Every message, by name, for the tests that check the catalogue.
        pub const ALL: &[(&str, Msg)] = &[$((stringify!($name), $name)),*];
    };
}

catalogue! {
    // The page around the panels.
    APP_NAME_COULD_NOT_START: "SES Explorer could not start: {message}" / "SES Explorer no pudo arrancar: {message}";
    DEMO_LABEL: "Synthetic demo district" / "Distrito de demostración sintético";
    SYNTHETIC_BADGE: "synthetic" / "sintético";
    SYNTHETIC_TITLE: "Generated data, not a real district" / "Datos generados, no un distrito real";
    AREAS_COUNT: " · {n} areas" / " · {n} áreas";
    SCHOOLS_COUNT: " · {n} schools" / " · {n} escuelas";
    PRESENTER_MODE: "Presenter mode" / "Modo presentación";
    LANGUAGE: "Language" / "Idioma";
    FOOTER_PRIVACY: "All computation runs in this browser; no data leaves this machine." / "Todo el cálculo se hace en este navegador; ningún dato sale de este equipo.";
    DISMISS: "Dismiss" / "Cerrar";
    USE_DEMO_INSTEAD: "Use the demo data instead" / "Usar los datos de demostración";
    KEEP_MY_DATA: "Keep using the data I have" / "Seguir con los datos que tengo";
    ERR_LINK_DAMAGED: "the share link: cannot be read: it was cut short or changed; ask for the link again" / "el enlace compartido: no se puede leer: se cortó o se cambió por el camino; pida el enlace otra vez";
    ERR_LINK_TOO_NEW: "the share link: made by a newer version of SES Explorer (link form {version}); open it there, or ask for the scenario file" / "el enlace compartido: lo hizo una versión más nueva de SES Explorer (forma de enlace {version}); ábralo allí, o pida el archivo del escenario";
    LINK_UNREADABLE: "{problem}. The app shows its own starting formula instead." / "{problem}. La aplicación muestra en su lugar su fórmula inicial.";
    FROM_SHARE_LINK: "the share link" / "el enlace compartido";

    // The bar of sections.
    NAV_LABEL: "Sections" / "Secciones";
    NAV_WEIGHTS: "Weights" / "Pesos";
    NAV_RANKING: "Ranking" / "Clasificación";
    NAV_MONEY: "Money" / "Dinero";
    NAV_WHY: "Why" / "Por qué";
    NAV_HOW_SURE: "How sure" / "Qué tan segura";
    NAV_SAVE_SHARE: "Save and share" / "Guardar y compartir";

    // Notices after a load, an opened scenario, a forgotten file.
    LOADED: "Loaded {label}: {areas} areas" / "Se cargó {label}: {areas} áreas";
    LOADED_SCHOOLS: ", {n} schools" / ", {n} escuelas";
    LOADED_EXCLUDED: "; {n} rows are not scored for missing values (listed under Your data)" / "; {n} filas no se puntúan por faltar valores (aparecen en Sus datos)";
    SHARED_APPLIED: "{text} The shared scenario is applied." / "{text} Se aplicó el escenario compartido.";
    SHARED_STILL_UNFIT: "{text} The shared scenario still does not fit: {problem}." / "{text} El escenario compartido todavía no encaja: {problem}.";
    OPENED_SCENARIO: "Opened the scenario from {source}." / "Se abrió el escenario de {source}.";
    SCENARIO_WAITS: "The scenario from {source} cannot be shown yet: {problem}. Load data that has these columns (under Your data), or carry on with the data shown." / "El escenario de {source} aún no se puede mostrar: {problem}. Cargue datos con esas columnas (en Sus datos) o siga con los datos que se muestran.";
    MAP_UNCHANGED: "{problem}. The map and data you had are unchanged." / "{problem}. El mapa y los datos que tenía no cambian.";
    DATA_FORGOTTEN: "Your data is gone from memory; the synthetic demo district is back." / "Sus datos se borraron de la memoria; vuelve el distrito de demostración sintético.";

    // Baseline and summary.
    BASELINE: "Baseline" / "Referencia";
    TOP_OF_RANKING: "Top of the ranking" / "Primeros de la clasificación";
    SET_BASELINE: "Set current as baseline" / "Usar la actual como referencia";
    BACK_TO_BASELINE: "Back to baseline" / "Volver a la referencia";
    EDGE_PREFIX: "≈ edge: " / "≈ límite: ";
    AGAINST_BASELINE: "Changes are shown against the baseline: " / "Los cambios se muestran frente a la referencia: ";
    FORMULA_AT_LOAD: "the formula at load" / "la fórmula al cargar";
    UNCHANGED_SINCE: " (unchanged)." / " (sin cambios).";
    EDITED_SINCE: " (edited since)." / " (modificada desde entonces).";
    NOT_APPLIED: "That change was not applied: " / "Ese cambio no se aplicó: ";
    SUMMARY_SCHOOLS: "{moving} {schools} rank by 5 or more; {money} moves; {areas}" / "{moving} {schools} de puesto 5 o más; se mueven {money}; {areas}";
    SUMMARY_AREAS: "{moving} {areas_moving} rank by 5 or more; {areas}" / "{moving} {areas_moving} de puesto 5 o más; {areas}";
    SCHOOL_CHANGES: "school changes" / "escuela cambia";
    SCHOOLS_CHANGE: "schools change" / "escuelas cambian";
    AREA_CHANGES: "area changes" / "área cambia";
    AREAS_CHANGE: "areas change" / "áreas cambian";
    NEIGHBOURHOOD_CHANGES_TIER: "{n} neighbourhood changes tier" / "{n} vecindario cambia de nivel";
    NEIGHBOURHOODS_CHANGE_TIER: "{n} neighbourhoods change tier" / "{n} vecindarios cambian de nivel";
    EDGE_AREAS_ONE: "{n} neighbourhood is within 1% of the score range of a tier cut" / "{n} vecindario está a menos del 1% del rango de puntuación de un corte de nivel";
    EDGE_AREAS_OTHER: "{n} neighbourhoods are within 1% of the score range of a tier cut" / "{n} vecindarios están a menos del 1% del rango de puntuación de un corte de nivel";
    EDGE_SCHOOLS_ONE: "; {n} school has a quarter or more of its students from them" / "; {n} escuela tiene una cuarta parte o más de sus estudiantes en ellos";
    EDGE_SCHOOLS_OTHER: "; {n} schools have a quarter or more of their students from them" / "; {n} escuelas tienen una cuarta parte o más de sus estudiantes en ellos";

    // The formula.
    FORMULA: "Formula" / "Fórmula";
    START_FROM: "Start from" / "Partir de";
    CUSTOM_EDITED: "Custom (edited)" / "Propia (modificada)";
    INDICATORS_AND_WEIGHTS: "Weights (% of the total)" / "Pesos (% del total)";
    SHARE_OF_TOTAL: "{share}%" / "{share}%";
    SWITCHED_OFF: "switched off" / "desactivado";
    SLIDER_VALUE: "{label} weight {weight}, share {share} percent" / "{label}: peso {weight}, {share} por ciento del total";
    WEIGHT: "Weight" / "Peso";
    WEIGHT_OF: "Weight of {label}" / "Peso de {label}";
    INDICATOR_OPTIONS: "Direction and include: {label}" / "Sentido e inclusión: {label}";
    MORE_OF_IT_MEANS: "More of it means" / "Más significa";
    MORE_OF_COLUMN_MEANS: "More {column} means" / "Más {column} significa";
    MORE_ADVANTAGED: "more advantaged" / "más ventaja";
    LESS_ADVANTAGED: "less advantaged" / "menos ventaja";
    INCLUDE: "Include" / "Incluir";
    NORMALISATION: "Normalisation" / "Normalización";
    TIERS: "Tiers" / "Niveles";
    TIER_METHOD: "Tier method" / "Cómo se forman los niveles";
    EQUAL_POPULATION: "Equal population in each tier" / "Igual población en cada nivel";
    EQUAL_COUNT: "Equal number of areas in each tier" / "Igual número de áreas en cada nivel";
    SCORE_CUTOFFS: "Score cutoffs I choose" / "Cortes de puntuación que elijo";
    LOWEST_SCORE_OF_TIER: "Lowest score of each tier" / "Puntuación más baja de cada nivel";
    TIER_N: "Tier {n}" / "Nivel {n}";
    TIER_LOWEST: "Tier 1 (lowest SES)" / "Nivel 1 (NSE más bajo)";
    TIER_HIGHEST: "Tier {n} (highest SES)" / "Nivel {n} (NSE más alto)";
    NORM_WEIGHTED_PERCENTILE: "Percentile weighted by population" / "Percentil ponderado por población";
    NORM_PERCENTILE: "Percentile (each area counts once)" / "Percentil (cada área cuenta una vez)";
    NORM_ZSCORE: "Z-score" / "Puntuación z";
    NORM_MINMAX: "Min–max (0–100)" / "Mínimo–máximo (0–100)";
    PRESET_FIVE_FACTOR: "Five census factors, equal weights, 3 tiers" / "Cinco factores del censo, pesos iguales, 3 niveles";
    PRESET_CHICAGO: "Chicago: six factors, 4 tiers" / "Chicago: seis factores, 4 niveles";
    PRESET_INCOME_ONLY: "Income only" / "Solo ingresos";
    DEMO_INCOME: "Median household income" / "Ingreso mediano del hogar";
    DEMO_BACHELORS: "Adults with a bachelor's degree (%)" / "Adultos con título universitario (%)";
    DEMO_OWNERS: "Owner-occupied homes (%)" / "Viviendas ocupadas por sus dueños (%)";
    DEMO_SINGLE_PARENT: "Single-parent households (%)" / "Hogares monoparentales (%)";
    DEMO_OTHER_LANGUAGE: "Language other than English at home (%)" / "Otro idioma distinto del inglés en casa (%)";

    // The allocation.
    ALLOCATION: "Allocation" / "Asignación";
    LOAD_SCHOOLS_TO_ALLOCATE: "Load schools and enrollment to allocate a budget." / "Cargue escuelas y matrícula para repartir un presupuesto.";
    POOL: "Pool ($)" / "Fondo ($)";
    METHOD: "Method" / "Método";
    METHOD_WEIGHTED_PER_PUPIL: "Weighted per pupil (by tier)" / "Por estudiante, ponderado (por nivel)";
    METHOD_PROPORTIONAL: "Proportional to need (100 − score)" / "Proporcional a la necesidad (100 − puntuación)";
    METHOD_RANK_AND_SERVE: "Rank and serve (Title I style)" / "Ordenar y atender (al estilo del Título I)";
    STUDENT_WEIGHT_BY_TIER: "Weight of each student, by tier" / "Peso de cada estudiante, por nivel";
    NEED_IS: "Each student's need is 100 − their neighbourhood's score." / "La necesidad de cada estudiante es 100 − la puntuación de su vecindario.";
    SERVE_CUTOFF: "Serve schools with at least this % in tier 1" / "Atender escuelas con al menos este % en el nivel 1";
    ALLOCATED: "Allocated {allocated} of the {pool} pool to {served} schools." / "Se asignaron {allocated} del fondo de {pool} a {served} escuelas.";
    NOT_ALLOCATED: " {amount} is not allocated: no school qualifies for it." / " {amount} queda sin asignar: ninguna escuela reúne los requisitos.";
    BIGGEST_GAINS: "Biggest gains vs baseline" / "Mayores aumentos frente a la referencia";
    BIGGEST_LOSSES: "Biggest losses vs baseline" / "Mayores pérdidas frente a la referencia";
    NONE_YET: "None yet: change the formula or allocation." / "Ninguno todavía: cambie la fórmula o la asignación.";

    // The ranking tables.
    SCHOOL_RANKING: "School ranking" / "Clasificación de escuelas";
    SCHOOL_RANKING_HINT: "Rank 1 is the highest need (largest share of tier-1 students). Tier mix: % of students in tiers 1–{tiers}." / "El puesto 1 es la mayor necesidad (mayor proporción de estudiantes del nivel 1). Mezcla de niveles: % de estudiantes en los niveles 1–{tiers}.";
    ALL_LEVELS: "All levels" / "Todas las etapas";
    LEVEL: "Level" / "Etapa";
    FIND_A_SCHOOL: "Find a school" / "Buscar una escuela";
    NAME_OR_ID: "Name or id" / "Nombre o código";
    SCHOOLS_SHOWN: "{n} schools shown" / "{n} escuelas mostradas";
    SCHOOL_TABLE_REGION: "School ranking table; scroll to see every school" / "Tabla de clasificación de escuelas; desplácese para ver todas";
    RANK: "Rank" / "Puesto";
    CHANGE: "Change" / "Cambio";
    SCHOOL: "School" / "Escuela";
    STUDENTS: "Students" / "Estudiantes";
    RANK_SHORT: "Rank" / "Pos.";
    STUDENTS_SHORT: "Students" / "Alumnos";
    MEAN_SCORE_SHORT: "Mean score" / "Punt. media";
    TIER_MIX: "Tier mix" / "Mezcla de niveles";
    CARD_TIER1: "{percent}% in tier 1" / "{percent}% en el nivel 1";
    TIER_MIX_SHORT: "Tier mix" / "Niveles";
    MEAN_SCORE: "Mean score" / "Puntuación media";
    EDGE_MARK: " ≈ edge" / " ≈ límite";
    EDGE_SCHOOL_TITLE: "A quarter or more of its students live in neighbourhoods within 1% of a tier cut" / "Una cuarta parte o más de sus estudiantes vive en vecindarios a menos del 1% de un corte de nivel";
    EDGE_AREA_TITLE: "Within 1% of the score range of a tier cut" / "A menos del 1% del rango de puntuación de un corte de nivel";
    MOVED_UP: "up {n}" / "sube {n}";
    MOVED_DOWN: "down {n}" / "baja {n}";
    NO_CHANGE: "no change" / "sin cambio";
    TIER_PERCENT: "tier {tier} {percent} percent" / "nivel {tier} {percent} por ciento";
    AREA_RANKING: "Area ranking" / "Clasificación de áreas";
    AREA_RANKING_HINT: "{n} areas; rank 1 is the lowest score (highest need)." / "{n} áreas; el puesto 1 es la puntuación más baja (mayor necesidad).";
    AREA_TABLE_REGION: "Area ranking table; scroll to see every area" / "Tabla de clasificación de áreas; desplácese para ver todas";
    AREA: "Area" / "Área";
    POPULATION: "Population" / "Población";
    SCORE: "Score" / "Puntuación";
    TIER: "Tier" / "Nivel";
    TIER_CHANGE: "Tier change" / "Cambio de nivel";

    // Your data and the import step.
    YOUR_DATA: "Your data" / "Sus datos";
    DATA_PRIVACY: "Files you load stay in this tab's memory: nothing is uploaded, and nothing is saved unless you save a scenario (formulas only, never data)." / "Los archivos que cargue quedan en la memoria de esta pestaña: no se sube nada y no se guarda nada salvo que guarde un escenario (solo fórmulas, nunca datos).";
    CHOOSE_FILES: "Choose files" / "Elegir archivos";
    FILES_IN_USE: "In use: {names}" / "En uso: {names}";
    OPEN_AN_EXAMPLE: "Open an example" / "Abrir un ejemplo";
    EXAMPLE_CHICAGO: "Chicago, 2014-15 (real published data)" / "Chicago, 2014-15 (datos reales publicados)";
    EXAMPLE_HINT: "Real data comes with the app: opened here, in this browser, like your own files." / "Con la aplicación vienen datos reales: se abren aquí, en este navegador, como sus propios archivos.";
    EXAMPLE_OPENING: "Opening {name}…" / "Abriendo {name}…";
    EXAMPLE_OPENED: "Opened {name}: {areas} areas with the formula they were published with. {agreement}" / "Se abrió {name}: {areas} áreas con la fórmula con que se publicaron. {agreement}";
    EXAMPLE_FAILED: "{name} could not be opened: {problem}. The data you had is unchanged." / "No se pudo abrir {name}: {problem}. Los datos que tenía no cambian.";
    PUBLISHED_AGREEMENT: "{matched} of {total} areas get the published tier (column \"{column}\")." / "{matched} de {total} áreas tienen el nivel publicado (columna \"{column}\").";
    PUBLISHED_AGREEMENT_SHORT: "{matched} of {total} in the published tier." / "{matched} de {total} en el nivel publicado.";
    DEMO_IN_USE: "In use: the synthetic demo district (built in, no file)" / "En uso: el distrito de demostración sintético (incluido, sin archivo)";
    DEMO_BOUNDARIES_IN_USE: "In use: the demo district's boundaries (built in, no file)" / "En uso: los límites del distrito de demostración (incluidos, sin archivo)";
    NO_FILE_CHOSEN: "No file chosen yet" / "Aún no se eligió ningún archivo";
    DROP_HINT: "or drop them here (CSV, tab-separated text or a workbook): areas, and optionally schools with enrollment or a student file, and the areas' boundaries (GeoJSON) for the map." / "o suéltelos aquí (CSV, texto separado por tabulaciones o un libro de Excel): áreas y, si quiere, escuelas con matrícula o un archivo de estudiantes, y los límites de las áreas (GeoJSON) para el mapa.";
    READING: "Reading {name}" / "Leyendo {name}";
    FILES_NOT_USED: "These files were not used; the data and formula you had are unchanged:" / "Estos archivos no se usaron; los datos y la fórmula que tenía no cambian:";
    CHECK_FILES: "Check what each file holds" / "Revise qué contiene cada archivo";
    CHECK_FILES_HINT: "Each file's role and columns are guessed from its header. Tick the columns the formula uses, or pick a known formula's in one click; nothing is used until you say so." / "El papel y las columnas de cada archivo se deducen de su encabezado. Marque las columnas que usa la fórmula o elija las de una fórmula conocida con un clic; no se usa nada hasta que usted lo diga.";
    BOUNDARIES_READ: "{file}: {n} boundaries for the map ({vertices} vertices)" / "{file}: {n} límites para el mapa ({vertices} vértices)";
    BOUNDARIES_LEFT_OUT: "; {n} features without an area are left out" / "; se dejan fuera {n} elementos sin área";
    USE_THESE_FILES: "Use these files" / "Usar estos archivos";
    CANCEL: "Cancel" / "Cancelar";
    ROWS_NOT_SCORED_ONE: "1 row is not scored (missing values)" / "1 fila no se puntúa (faltan valores)";
    ROWS_NOT_SCORED_OTHER: "{n} rows are not scored (missing values)" / "{n} filas no se puntúan (faltan valores)";
    HIDE_COUNTS_BELOW: "Hide counts of students below" / "Ocultar recuentos de estudiantes menores de";
    HIDE_COUNTS_HINT: "The school counts come from one row per student: exports and the printable page show a smaller count as \"<N\", and leave out the shares that would give it back, so no student can be singled out. 0 shows every count." / "Los recuentos por escuela vienen de una fila por estudiante: las exportaciones y la página imprimible muestran un recuento menor como \"<N\" y omiten las proporciones que lo revelarían, para que no se pueda identificar a ningún estudiante. 0 muestra todos los recuentos.";
    FORGET_MY_DATA: "Forget my data" / "Olvidar mis datos";
    MAP_DATA_PROBLEM: "The data is loaded, but the boundaries cannot be drawn with it: {problem}." / "Los datos están cargados, pero los límites no se pueden dibujar con ellos: {problem}.";
    FILE_ROWS: "{file} ({n} rows)" / "{file} ({n} filas)";
    READ_AS: "Read as {how}." / "Leído como {how}.";
    THIS_FILE_HOLDS: "This file holds" / "Este archivo contiene";
    ROLE_AREAS: "Areas (neighbourhood indicators)" / "Áreas (indicadores de los vecindarios)";
    ROLE_SCHOOLS: "Schools" / "Escuelas";
    ROLE_ENROLLMENT: "Enrollment: students per area and school" / "Matrícula: estudiantes por área y escuela";
    ROLE_STUDENTS: "Students: one row per student" / "Estudiantes: una fila por estudiante";
    ROLE_IGNORE: "Do not use" / "No usar";
    AREA_ID_COLUMN: "Area id column" / "Columna del código de área";
    POPULATION_WEIGHTS: "Population (weights)" / "Población (pesos)";
    NO_POPULATION: "None: every area counts once" / "Ninguna: cada área cuenta una vez";
    KNOWN_FORMULA_HINT: "This file has the columns of a known formula:" / "Este archivo tiene las columnas de una fórmula conocida:";
    TICK_KNOWN: "Tick the {n} indicators of {formula} and use its {tiers} tiers" / "Marcar los {n} indicadores de {formula} y usar sus {tiers} niveles";
    STARTS_FROM_KNOWN: "Starts from the formula {formula}: its weights, directions and tiers." / "Parte de la fórmula {formula}: sus pesos, sentidos y niveles.";
    STARTS_FROM_EQUAL: "Starts from equal weights on the ticked columns and 3 tiers." / "Parte de pesos iguales en las columnas marcadas y 3 niveles.";
    INDICATORS_TICK: "Indicators: tick the columns the formula uses" / "Indicadores: marque las columnas que usa la fórmula";
    USE: "Use" / "Usar";
    COLUMN: "Column" / "Columna";
    FIRST_VALUES: "First values in the file" / "Primeros valores del archivo";
    SCHOOL_ID: "School id" / "Código de escuela";
    NAME: "Name" / "Nombre";
    NONE: "None" / "Ninguna";
    AREA_ID: "Area id" / "Código de área";
    STUDENT_ID: "Student id" / "Código de estudiante";

    // Save, share, export.
    SAVE_SHARE_EXPORT: "Save, share, export" / "Guardar, compartir, exportar";
    RESULTS: "Results" / "Resultados";
    SCHOOLS_CSV: "Schools (CSV)" / "Escuelas (CSV)";
    AREAS_CSV: "Areas (CSV)" / "Áreas (CSV)";
    PRINTABLE_RANKING: "Printable ranking" / "Clasificación para imprimir";
    SCENARIO_FILE: "Scenario file" / "Archivo de escenario";
    SCENARIO_FILE_HINT: "The formula, the allocation and the baseline as JSON; opening it restores the screen on the same data." / "La fórmula, la asignación y la referencia en JSON; al abrirlo se recupera la pantalla con los mismos datos.";
    DOWNLOAD_SCENARIO: "Download scenario" / "Descargar escenario";
    OPEN_SCENARIO_FILE: "Open a scenario file" / "Abrir un archivo de escenario";
    SHARE_LINK: "Share link" / "Enlace para compartir";
    SHARE_LINK_HINT: "The link carries the formula and settings after the #, which browsers never send to a server; it carries no data." / "El enlace lleva la fórmula y los ajustes después del #, que los navegadores nunca envían a un servidor; no lleva datos.";
    MAKE_SHARE_LINK: "Make a share link" / "Crear un enlace para compartir";
    COPY_THIS_LINK: "Copy this link" / "Copie este enlace";
    SAVED_IN_BROWSER: "Saved in this browser" / "Guardados en este navegador";
    SAVE_SCENARIO: "Save scenario" / "Guardar escenario";
    SAVED_AT: " saved {when}" / " guardado el {when}";
    RESTORE: "Restore" / "Recuperar";
    RESTORE_NAMED: "Restore {name}" / "Recuperar {name}";
    DELETE: "Delete" / "Borrar";
    DELETE_NAMED: "Delete {name}" / "Borrar {name}";
    SAVED_SCENARIO_SOURCE: "saved scenario \"{name}\"" / "el escenario guardado \"{name}\"";
    SCENARIO_NOT_OPENED: "The scenario was not opened; nothing changed. {problem}" / "El escenario no se abrió; nada cambió. {problem}";
    NAME_TO_SAVE: "Give the scenario a name to save it." / "Dé un nombre al escenario para guardarlo.";
    SAVED_NOTICE: "Saved \"{name}\" in this browser (formulas and settings only)." / "Se guardó \"{name}\" en este navegador (solo fórmulas y ajustes).";
    SAVE_REFUSED: "This browser did not let SES Explorer save (storage is off or full)." / "Este navegador no dejó guardar a SES Explorer (el almacenamiento está desactivado o lleno).";

    // The detail of a school or an area.
    CLOSE: "Close" / "Cerrar";
    AREA_TITLE: "Area {id}" / "Área {id}";
    STORY_KEEPS_AREA: "The area keeps its rank" / "El área mantiene su puesto";
    STORY_KEEPS_SCHOOL: "The school keeps its rank" / "La escuela mantiene su puesto";
    STORY_UP_AREA: "The area moved up {places} (towards higher need)" / "El área subió {places} (hacia mayor necesidad)";
    STORY_UP_SCHOOL: "The school moved up {places} (towards higher need)" / "La escuela subió {places} (hacia mayor necesidad)";
    STORY_DOWN_AREA: "The area moved down {places} (towards lower need)" / "El área bajó {places} (hacia menor necesidad)";
    STORY_DOWN_SCHOOL: "The school moved down {places} (towards lower need)" / "La escuela bajó {places} (hacia menor necesidad)";
    PLACE_ONE: "{n} place" / "{n} puesto";
    PLACES: "{n} places" / "{n} puestos";
    STORY_UNCHANGED: "{moved}; its score is unchanged against the baseline." / "{moved}; su puntuación no cambia frente a la referencia.";
    CAUSE_HIGHER: "the higher weight on {indicator}" / "el mayor peso de {indicator}";
    CAUSE_LOWER: "the lower weight on {indicator}" / "el menor peso de {indicator}";
    CAUSE_CHANGE: "the change to {indicator}" / "el cambio en {indicator}";
    STORY_RAISED_SCORE: "{moved}: {cause} raised its score by {points} points." / "{moved}: {cause} subió su puntuación {points} puntos.";
    STORY_LOWERED_SCORE: "{moved}: {cause} lowered its score by {points} points." / "{moved}: {cause} bajó su puntuación {points} puntos.";
    STORY_RAISED_NEIGHBOURHOODS: "{moved}: {cause} raised its neighbourhoods' scores by {points} points." / "{moved}: {cause} subió las puntuaciones de sus vecindarios {points} puntos.";
    STORY_LOWERED_NEIGHBOURHOODS: "{moved}: {cause} lowered its neighbourhoods' scores by {points} points." / "{moved}: {cause} bajó las puntuaciones de sus vecindarios {points} puntos.";
    MEAN_SCORE_VALUE: "Mean score {score}" / "Puntuación media {score}";
    SCORE_VALUE: "Score {score}" / "Puntuación {score}";
    FACT_TIER: " · tier {n}" / " · nivel {n}";
    FACT_RANK: " · rank {n}" / " · puesto {n}";
    FACT_BASELINE_RANK: " (baseline rank {n})" / " (puesto en la referencia: {n})";
    FACT_AS_IN_BASELINE: " (as in the baseline)" / " (como en la referencia)";
    FACT_BASELINE_TIER: " · baseline tier {n}" / " · nivel en la referencia: {n}";
    FACT_ALLOCATION: " · allocation {amount} against the baseline" / " · asignación {amount} frente a la referencia";
    EDGE_SCHOOL_FACT: " · on a knife edge: many of its students live near a tier cut" / " · al límite: muchos de sus estudiantes viven cerca de un corte de nivel";
    EDGE_AREA_FACT: " · on a knife edge: within 1% of a tier cut" / " · al límite: a menos del 1% de un corte de nivel";
    BAR_LABEL: "{what}, made of: {parts}" / "{what}, formada por: {parts}";
    POINTS_OF: "{label} {points} points" / "{label} {points} puntos";
    CONTRIBUTION_CAPTION: "Contribution of each indicator" / "Aporte de cada indicador";
    INDICATOR: "Indicator" / "Indicador";
    VALUE: "Value" / "Valor";
    NORMALISED: "Normalised" / "Normalizado";
    POINTS: "Points" / "Puntos";
    MIX_PREFIX: "Tier mix: " / "Mezcla de niveles: ";
    MIX_PART: "tier {tier} {percent}%" / "nivel {tier} {percent}%";
    SOURCES_ONE: "Where its students live ({n} neighbourhood)" / "Dónde viven sus estudiantes ({n} vecindario)";
    SOURCES_OTHER: "Where its students live ({n} neighbourhoods)" / "Dónde viven sus estudiantes ({n} vecindarios)";
    LEFT_OUT: "left out" / "excluida";

    // The story of a comparison.
    SCHOOL_ONE: "{n} school" / "{n} escuela";
    SCHOOLS_N: "{n} schools" / "{n} escuelas";
    STORY_NOT_COMPARABLE: "{name} cannot be compared school by school: there are no schools, or not the same ones." / "{name} no se puede comparar escuela por escuela: no hay escuelas, o no son las mismas.";
    STORY_NO_MONEY: "{name} moves no money between schools." / "{name} no mueve dinero entre escuelas.";
    STORY_POOL_SHARE: " ({percent}% of the pool)" / " ({percent}% del fondo)";
    STORY_MOVES: "{name} moves {money}{share} between schools: {gain} gain, {lose} lose." / "{name} mueve {money}{share} entre escuelas: {gain} ganan, {lose} pierden.";
    STORY_SAME_PER_PUPIL: "about the same per pupil on average" / "más o menos lo mismo por estudiante, en promedio";
    STORY_MORE_PER_PUPIL: "{money} more per pupil on average" / "{money} más por estudiante, en promedio";
    STORY_LESS_PER_PUPIL: "{money} less per pupil on average" / "{money} menos por estudiante, en promedio";
    STORY_HIGH_NEED: " Schools where most students come from the lowest-SES neighbourhoods get {how}" / " Las escuelas donde la mayoría de los estudiantes viene de los vecindarios de NSE más bajo reciben {how}";
    STORY_RATIO_RISES: "; the progressivity ratio rises from {from} to {to}." / "; el índice de progresividad sube de {from} a {to}.";
    STORY_RATIO_FALLS: "; the progressivity ratio falls from {from} to {to}." / "; el índice de progresividad baja de {from} a {to}.";
    STORY_RATIO_STAYS: "; the progressivity ratio stays at {ratio}." / "; el índice de progresividad se mantiene en {ratio}.";
    STORY_STOP_SERVED: " {schools} stop being served." / " {schools} dejan de ser atendidas.";
    STORY_START_SERVED: " {schools} start being served." / " {schools} pasan a ser atendidas.";

    // Comparing two proposals.
    THE_BASELINE: "The baseline" / "La referencia";
    THE_CURRENT_FORMULA: "The current formula" / "La fórmula actual";
    NO_SAVED_SCENARIO: "there is no saved scenario \"{name}\"" / "no hay ningún escenario guardado \"{name}\"";
    SAVED_DOES_NOT_FIT: "the saved scenario \"{name}\" does not fit this data: {problem}" / "el escenario guardado \"{name}\" no encaja con estos datos: {problem}";
    COMPARE_TWO: "Compare two proposals" / "Comparar dos propuestas";
    COMPARE_HINT: "Who gains, who loses, and does the money follow need? Pick A and B from the baseline, the current formula and your saved scenarios." / "¿Quién gana, quién pierde y sigue el dinero a la necesidad? Elija A y B entre la referencia, la fórmula actual y sus escenarios guardados.";
    HIDE_COMPARISON: "Hide the comparison" / "Ocultar la comparación";
    COMPARE: "Compare" / "Comparar";
    SAVED_OPTION: "Saved: {name}" / "Guardado: {name}";
    TITLE1_FIFTY: "Title I: levels served from 50% instead of 75%" / "Título I: etapas atendidas desde el 50% en vez del 75%";
    A_AND_B: "A: {a}. B: {b}." / "A: {a}. B: {b}.";
    DOLLARS_MOVED: " Dollars moved: {amount}." / " Dólares que se mueven: {amount}.";
    TITLE1_SIDE: "{side}, Title I: " / "{side}, Título I: ";
    ADD_FUNDING: "Add each school's current per-pupil funding to the allocation" / "Sumar a la asignación la financiación actual por estudiante de cada escuela";
    NEED_CHART_CAPTION: "Each school's dollars per pupil ({what}) against its share of tier-1 students: A as hollow circles, B as filled squares; the dashed line is B's district average. Focus or hover a square for its name." / "Dólares por estudiante de cada escuela ({what}) frente a su proporción de estudiantes del nivel 1: A en círculos huecos, B en cuadrados llenos; la línea discontinua es el promedio del distrito con B. Enfoque o pase sobre un cuadrado para ver su nombre.";
    FUNDING_PLUS_ALLOCATION: "current funding plus the allocation" / "financiación actual más la asignación";
    ALLOCATION_ALONE: "the allocation alone" / "solo la asignación";
    DOWNLOAD_TABLE_CSV: "Download the table (CSV)" / "Descargar la tabla (CSV)";
    COMPARE_TABLE_REGION: "Schools under A and B; scroll to see them all" / "Escuelas con A y con B; desplácese para verlas todas";
    RANK_A: "Rank A" / "Puesto A";
    RANK_B: "Rank B" / "Puesto B";
    TIER1_A: "Tier 1, A" / "Nivel 1, A";
    TIER1_B: "Tier 1, B" / "Nivel 1, B";
    ALLOCATION_A: "Allocation A" / "Asignación A";
    ALLOCATION_B: "Allocation B" / "Asignación B";
    MEASURE: "Measure" / "Medida";
    PROGRESSIVITY_ALLOCATION: "Progressivity ratio, allocation" / "Índice de progresividad, asignación";
    PROGRESSIVITY_CURRENT: "Progressivity ratio, current funding" / "Índice de progresividad, financiación actual";
    PROGRESSIVITY_BOTH: "Progressivity ratio, both" / "Índice de progresividad, ambas";
    DISSIMILARITY: "Dissimilarity (0 even, 1 separated)" / "Disimilitud (0 repartido, 1 separado)";
    SCHOOLS_90_TIER1: "Schools with 90%+ in tier 1" / "Escuelas con 90% o más en el nivel 1";
    SCHOOLS_90_TOP: "Schools with 90%+ in the top tier" / "Escuelas con 90% o más en el nivel más alto";
    SCHOOLS_NO_TIER1: "Schools with no tier-1 student" / "Escuelas sin estudiantes del nivel 1";
    TITLE1_BROKEN: "Title I rules broken" / "Reglas del Título I incumplidas";
    NOT_RANK_AND_SERVE: "– (not rank and serve)" / "– (no es ordenar y atender)";
    NEED_CHART_LABEL: "Dollars per pupil against share of tier-1 students: A as circles, B as squares; B's district average is ${average} per pupil." / "Dólares por estudiante frente a la proporción de estudiantes del nivel 1: A en círculos, B en cuadrados; el promedio del distrito con B es ${average} por estudiante.";
    NEED_CHART_X_SHORT: "Share in tier 1 →" / "Proporción en el nivel 1 →";
    NEED_CHART_Y_SHORT: "$ per pupil" / "$ por estudiante";
    NEED_CHART_X: "Share of students in tier 1 (0% → 100%)" / "Proporción de estudiantes en el nivel 1 (0% → 100%)";
    NEED_CHART_Y: "Dollars per pupil" / "Dólares por estudiante";
    NEED_CHART_POINT: "{name}: {percent}% tier 1, ${dollars} per pupil under B" / "{name}: {percent}% en el nivel 1, ${dollars} por estudiante con B";

    // The printable ranking.
    CUSTOM_FORMULA: "Custom formula" / "Fórmula propia";
    PRINT: "Print" / "Imprimir";
    BACK_TO_EXPLORER: "Back to the explorer" / "Volver al explorador";
    SCHOOL_RANKING_TITLE: "School ranking: {title}" / "Clasificación de escuelas: {title}";
    AREA_RANKING_TITLE: "Area ranking: {title}" / "Clasificación de áreas: {title}";
    TIER_MIX_PERCENT: "Tier mix (% in tiers 1–{tiers})" / "Mezcla de niveles (% en los niveles 1–{tiers})";
    AGAINST_THE_BASELINE: "Against the baseline" / "Frente a la referencia";
    PRINT_NEED_CAPTION: "Dollars per pupil from the allocation against each school's share of tier-1 students: the baseline as hollow circles, the current formula as filled squares; the dashed line is the current district average." / "Dólares por estudiante de la asignación frente a la proporción de estudiantes del nivel 1 de cada escuela: la referencia en círculos huecos, la fórmula actual en cuadrados llenos; la línea discontinua es el promedio actual del distrito.";
    PRINT_MAP_CAPTION: "The tier of each area under the current formula; hatched areas have no data, striped ones changed tier against the baseline." / "El nivel de cada área con la fórmula actual; las áreas rayadas en diagonal no tienen datos y las de franjas cambiaron de nivel frente a la referencia.";

    // Presenter mode.
    MAP_OF_TIERS: "Map of the tiers" / "Mapa de los niveles";
    FUNDING_AGAINST_NEED: "Funding against need" / "Financiación frente a necesidad";
    PRESENTER_SHOWING_BASELINE: "Showing the baseline (B: back to the scenario)" / "Se muestra la referencia (B: volver al escenario)";
    PRESENTER_SHOWING_SCENARIO: "Showing the scenario (B: the baseline)" / "Se muestra el escenario (B: la referencia)";
    PRESENTER_SAVED_POSITION: " · saved scenario {n} of {count}: {name}" / " · escenario guardado {n} de {count}: {name}";
    PRESENTER_LEAVE: "Leave (Esc)" / "Salir (Esc)";
    PRESENTER_BASELINE_AS_IS: "The baseline, as it stands." / "La referencia, tal como está.";
    PRESENTER_FIVE_SCHOOLS: "The five schools of highest and of lowest need" / "Las cinco escuelas de mayor y de menor necesidad";
    PRESENTER_FIVE_AREAS: "The five areas of highest and of lowest need" / "Las cinco áreas de mayor y de menor necesidad";
    NAME_HEADER: "Name" / "Nombre";
    MOVED: "Moved" / "Movió";
    TIER_ONE: "Tier 1" / "Nivel 1";
    MONEY: "Funding (change)" / "Fondos (cambio)";
    TITLE_EDITED: "{title} (edited)" / "{title} (modificada)";
    PRESENTER_NO_SAVED: "→ and ← step through the scenarios saved in this browser, and none is saved yet: leave presenter mode (Esc), give each scenario a name under \"Save, share, export\", press \"Save scenario\", and come back." / "→ y ← recorren los escenarios guardados en este navegador, y aún no hay ninguno: salga del modo presentación (Esc), dé un nombre a cada escenario en \"Guardar, compartir, exportar\", pulse \"Guardar escenario\" y vuelva.";
    MOVED_UP_WORD: " up" / " sube";
    MOVED_DOWN_WORD: " down" / " baja";
    PRESENTER_MONEY_FOLLOWS: "Money follows need: tier-1 students' schools get {ratio} the average of the others" / "El dinero sigue a la necesidad: las escuelas de los estudiantes del nivel 1 reciben {ratio} el promedio de las demás";
    PRESENTER_SEPARATION: "Separation of tier-1 students across schools: {percent}" / "Separación de los estudiantes del nivel 1 entre escuelas: {percent}";
    PRESENTER_SCHOOLS_90: "{n} schools have 90% or more of their students in tier 1" / "{n} escuelas tienen el 90% o más de sus estudiantes en el nivel 1";
    PRESENTER_MOVED_OTHER_SIDE: "Moved against the other side: {money}" / "Movido frente al otro lado: {money}";
    PRESENTER_CHART_NAME: "{name} ({n} of {count}; keys 1–{count})" / "{name} ({n} de {count}; teclas 1–{count})";
    QR_LABEL: "QR code of the share link" / "Código QR del enlace para compartir";
    QR_CAPTION: "Scan to open this scenario: the formula and settings, never the data." / "Escanee para abrir este escenario: la fórmula y los ajustes, nunca los datos.";
    PRESENTER_MODE_LABEL: "Presenter mode" / "Modo presentación";
    QR_TOO_LONG: "the share link is too long for a QR code ({problem})" / "el enlace es demasiado largo para un código QR ({problem})";

    // The map.
    MAP: "Map" / "Mapa";
    AND_MORE: "{shown} and {n} more" / "{shown} y {n} más";
    MAP_NO_DATA_ONE: "{n} boundary has no data: shown hatched ({list})" / "{n} límite no tiene datos: se muestra rayado ({list})";
    MAP_NO_DATA_OTHER: "{n} boundaries have no data: shown hatched ({list})" / "{n} límites no tienen datos: se muestran rayados ({list})";
    MAP_NOT_DRAWN: "{file}: feature {feature} is not drawn: {reason}" / "{file}: el elemento {feature} no se dibuja: {reason}";
    MAP_SUMMARY: "Map: {n} boundaries from {file} ({matched} matched to the data's areas by \"{property}\")." / "Mapa: {n} límites de {file} ({matched} emparejados con las áreas de los datos por \"{property}\").";
    MAP_MISSING_ONE: "{n} area of the data has no boundary, so it is not on the map ({list})" / "{n} área de los datos no tiene límite, así que no está en el mapa ({list})";
    MAP_MISSING_OTHER: "{n} areas of the data have no boundary, so they are not on the map ({list})" / "{n} áreas de los datos no tienen límite, así que no están en el mapa ({list})";
    MAP_TIER_TITLE: "Tier of each area" / "Nivel de cada área";
    MAP_SCORE_TITLE: "Score of each area" / "Puntuación de cada área";
    MAP_CHANGE_TITLE: "Change of tier against the baseline" / "Cambio de nivel frente a la referencia";
    MAP_COLUMN_TITLE: "{column} of each area" / "{column} de cada área";
    MAP_RANGE: "{from} to {to}" / "de {from} a {to}";
    MAP_DOWN_2: "Down 2 or more tiers" / "Baja 2 niveles o más";
    MAP_DOWN_1: "Down 1 tier" / "Baja 1 nivel";
    MAP_SAME: "Same tier" / "Mismo nivel";
    MAP_UP_1: "Up 1 tier" / "Sube 1 nivel";
    MAP_UP_2: "Up 2 or more tiers" / "Sube 2 niveles o más";
    MAP_LEGEND_NO_DATA: "no data (hatched): {n}" / "sin datos (rayado): {n}";
    MAP_LEGEND_CHANGED: "striped: tier changed against the baseline: {n}" / "a franjas: cambió de nivel frente a la referencia: {n}";
    MAP_DRAWN_NO_DATA: "No data ({n})" / "Sin datos ({n})";
    MAP_DRAWN_CHANGED: "Striped: tier changed ({n})" / "A franjas: cambió de nivel ({n})";
    MAP_DRAWN_SCHOOL: "School ({n})" / "Escuela ({n})";

    // The map panel.
    MAP_AREA_NAME: "Area {id}" / "Área {id}";
    MAP_BOUNDARIES_INPUT: "Choose boundaries (GeoJSON)" / "Elegir límites (GeoJSON)";
    MAP_EMPTY_HINT: "Load the areas' boundaries (a GeoJSON file in longitude/latitude, as census boundary files come) to see where the tiers fall. The file is read in this browser; nothing is uploaded." / "Cargue los límites de las áreas (un archivo GeoJSON en longitud/latitud, como vienen los archivos de límites del censo) para ver dónde caen los niveles. El archivo se lee en este navegador; no se sube nada.";
    MAP_COLOUR_BY: "Colour by" / "Colorear por";
    MAP_ID_PROPERTY: "Area id in the boundaries" / "Código de área en los límites";
    ZOOM_IN: "Zoom in" / "Acercar";
    ZOOM_OUT: "Zoom out" / "Alejar";
    WHOLE_MAP: "Whole map" / "Mapa completo";
    SAVE_MAP_PNG: "Save map as PNG" / "Guardar el mapa como PNG";
    SAVE_MAP_SVG: "Save map as SVG" / "Guardar el mapa como SVG";
    MAP_KEYS: "{legend} Arrows pan, + and − zoom; Tab moves into the areas, where arrows go to the next area and Enter shows its detail." / "{legend} Las flechas desplazan, + y − acercan y alejan; Tab entra en las áreas, donde las flechas pasan a la siguiente y Enter muestra su detalle.";
    MAP_NO_DATA_HERE: ": no data for this boundary" / ": no hay datos para este límite";
    MAP_TIER_IN_BASELINE: " (tier {n} in the baseline)" / " (nivel {n} en la referencia)";
    MAP_FACTS: " · tier {tier}{baseline} · score {score}" / " · nivel {tier}{baseline} · puntuación {score}";
    MAP_POINTS: "{label}: {points} points" / "{label}: {points} puntos";
    MAP_LEGEND_NO_DATA_WORDS: " No data " / " Sin datos ";
    MAP_LEGEND_SCHOOL: " School " / " Escuela ";
    MAP_LEGEND_STRIPED: " Striped: tier changed " / " A franjas: cambió de nivel ";
    MAP_POINT_HINT: "Point at an area, or Tab into the map, to see its tier, score and what makes it up." / "Señale un área, o entre en el mapa con Tab, para ver su nivel, su puntuación y de qué se compone.";
    MAP_NOTHING_TO_SAVE: "There is no map to save." / "No hay ningún mapa que guardar.";
    MAP_SAVE_FAILED: "The browser could not make the map's image." / "El navegador no pudo crear la imagen del mapa.";
    BROWSER_DOWNLOAD_FAILED: "The browser could not make the file to download." / "El navegador no pudo crear el archivo para descargar.";

    // Reading local files.
    CANNOT_READ_FILES: "This browser cannot read local files." / "Este navegador no puede leer archivos locales.";
    COULD_NOT_READ_FILE: "{name}: the browser could not read this file" / "{name}: el navegador no pudo leer este archivo";

    // The charts.
    CHARTS: "Charts" / "Gráficos";
    SAVE_AS_PNG: "Save as PNG" / "Guardar como PNG";
    CHART_NOT_SAVED: "The browser could not make the chart's image." / "El navegador no pudo crear la imagen del gráfico.";
    MIX_TEXT: "Stacked bars for {n} schools sorted by share of tier-1 students: {over_90} schools have over 90 percent in tier 1, {none} have none." / "Barras apiladas de {n} escuelas ordenadas por proporción de estudiantes del nivel 1: {over_90} escuelas tienen más del 90 por ciento en el nivel 1 y {none} no tienen ninguno.";
    TIER_STARTS_AT: "tier {n} starts at {at}" / "el nivel {n} empieza en {at}";
    HIST_TEXT: "Histogram of area scores weighted by population; {cuts}." / "Histograma de las puntuaciones de las áreas ponderadas por población; {cuts}.";
    PER_PUPIL_LABEL: "Allocation per pupil for each school in rank order, baseline as dots and scenario as a line." / "Asignación por estudiante de cada escuela en orden de puesto, la referencia en puntos y el escenario en línea.";
    PER_PUPIL_CAPTION: "Dollars per pupil for each school, highest need on the left: baseline (dots) and scenario (line)." / "Dólares por estudiante de cada escuela, la mayor necesidad a la izquierda: referencia (puntos) y escenario (línea).";
    CHART_MIX_TITLE: "Tier mix of every school (sorted by share in tier 1)" / "Mezcla de niveles de cada escuela (ordenadas por proporción en el nivel 1)";
    CHART_MIX_Y: "% of students" / "% de estudiantes";
    CHART_MIX_X: "Schools" / "Escuelas";
    CHART_PER_PUPIL_TITLE: "Allocation per pupil: baseline vs scenario" / "Asignación por estudiante: referencia frente a escenario";
    CHART_PER_PUPIL_X: "Schools in scenario rank order (highest need first)" / "Escuelas en orden de puesto del escenario (mayor necesidad primero)";
    CHART_PER_PUPIL_Y: "$ per pupil" / "$ por estudiante";
    CHART_BASELINE_DOTS: "Baseline (dots)" / "Referencia (puntos)";
    CHART_SCENARIO_LINE: "Scenario (line)" / "Escenario (línea)";
    CHART_SCORES_TITLE: "Area scores, weighted by population, with tier cut points" / "Puntuaciones de las áreas, ponderadas por población, con los cortes de nivel";
    CHART_SCORES_X: "Score (higher = more advantaged)" / "Puntuación (más alta = más ventaja)";
    CHART_SCORES_Y: "Population" / "Población";
    CHART_CUT: "Tier {n} ≥ {at}" / "Nivel {n} ≥ {at}";

    // What drives the score.
    WARN_CONSTANT: "Every area has the same score, so no indicator explains any of its variation." / "Todas las áreas tienen la misma puntuación, así que ningún indicador explica su variación.";
    WARN_DOMINATES: "{column} explains {effective} of the variation in the score although it has {nominal} of the weight." / "{column} explica el {effective} de la variación de la puntuación aunque tiene el {nominal} del peso.";
    WARN_PULLS_AGAINST: "{column} pulls against the score: it has {nominal} of the weight, but areas that score higher on it tend to score lower overall ({effective} of the variation)." / "{column} tira en contra de la puntuación: tiene el {nominal} del peso, pero las áreas con valores más altos en él tienden a puntuar más bajo en total ({effective} de la variación).";
    WARN_COUNTS_TWICE: "{a} and {b} count the same thing twice: their correlation is {r}." / "{a} y {b} cuentan dos veces lo mismo: su correlación es {r}.";
    WHAT_DRIVES: "What drives the score" / "Qué determina la puntuación";
    WHAT_DRIVES_HINT: "A weight is not the same as influence: an indicator that varies little, or that moves with others, can count for more or less than its weight. Grey bars: share of the weight; blue bars: share of the variation in the score it explains (hatched when it pulls against the score)." / "Un peso no es lo mismo que una influencia: un indicador que varía poco, o que se mueve con otros, puede contar más o menos que su peso. Barras grises: proporción del peso; barras azules: proporción de la variación de la puntuación que explica (rayada cuando tira en contra de la puntuación).";
    NO_WARNINGS: "No indicator dominates, none pulls against the score, and no two count the same thing twice." / "Ningún indicador domina, ninguno tira en contra de la puntuación y ningún par cuenta dos veces lo mismo.";
    WEIGHT_AND_EFFECT: "weight {weight}, effect {effect}" / "peso {weight}, efecto {effect}";
    NAMED_WEIGHT_AND_EFFECT: "{name}: weight {weight}, effect {effect}" / "{name}: peso {weight}, efecto {effect}";
    NO_EFFECT: "none" / "ninguno";
    CORRELATIONS: "How the indicators move together (correlations)" / "Cómo se mueven juntos los indicadores (correlaciones)";

    // How sure is this ranking.
    HOW_SURE: "How sure is this ranking?" / "¿Qué tan segura es esta clasificación?";
    HOW_SURE_HINT: "Reasonable people disagree about weights. Each draw multiplies every weight by a random factor within the range below and recomputes everything; the seed makes the draws repeatable (the ses command gives the same numbers)." / "Personas razonables discrepan sobre los pesos. Cada sorteo multiplica cada peso por un factor al azar dentro del margen de abajo y vuelve a calcularlo todo; la semilla hace que los sorteos se puedan repetir (el comando ses da los mismos números).";
    HOW_UNSURE: "How unsure are the weights (± %)" / "Incertidumbre de los pesos (± %)";
    DRAWS: "Draws" / "Sorteos";
    SEED: "Seed" / "Semilla";
    RUN: "Run" / "Calcular";
    DRAWS_DONE: "{done} of {total} draws" / "{done} de {total} sorteos";
    OUT_OF_DATE: "Out of date: " / "Desactualizado: ";
    FORMULA_CHANGED_SINCE: "the formula changed since these draws ran. Run again to update them." / "la fórmula cambió desde estos sorteos. Vuelva a calcular para actualizarlos.";
    DRAWS_SETTINGS: "{draws} draws, weights ± {spread}%, seed {seed}." / "{draws} sorteos, pesos ± {spread}%, semilla {seed}.";
    AREAS_HALF_DRAWS: " {n} neighbourhoods change tier in at least half of the draws." / " {n} vecindarios cambian de nivel en al menos la mitad de los sorteos.";
    RANGES_LABEL: "Rank ranges of {n} schools, from the 5th to the 95th percentile of the draws; the table below lists them" / "Márgenes de puesto de {n} escuelas, del percentil 5 al 95 de los sorteos; la tabla de abajo los enumera";
    RANGE_POINT: "{name}: rank {rank}, 90% of draws between {low} and {high}" / "{name}: puesto {rank}, el 90% de los sorteos entre {low} y {high}";
    RANGES_CAPTION: "One line per school, in current rank order from the top: its rank in 90% of the draws (5th to 95th percentile), the black mark at the median. Left edge: rank 1 (highest need); right edge: rank {n}." / "Una línea por escuela, en el orden de puesto actual desde arriba: su puesto en el 90% de los sorteos (percentil 5 a 95), con la marca negra en la mediana. Borde izquierdo: puesto 1 (mayor necesidad); borde derecho: puesto {n}.";
    LEAST_CERTAIN_FIRST: "Least certain first" / "Las menos seguras primero";
    BY_RANK: "By rank" / "Por puesto";
    RANGES_REGION: "Rank ranges of every school; scroll to see them all" / "Márgenes de puesto de cada escuela; desplácese para verlos todos";
    MEDIAN: "Median" / "Mediana";
    NINETY_OF_DRAWS: "90% of draws" / "90% de los sorteos";
    ALLOCATION_NINETY: "Allocation, 90% of draws" / "Asignación, 90% de los sorteos";
    LIKELY_TIER_CHANGE: "Neighbourhoods most likely to change tier" / "Vecindarios con más probabilidad de cambiar de nivel";
    TIER_NOW: "Tier now" / "Nivel actual";
    SHARE_OTHER_TIER: "Share of draws in another tier" / "Proporción de sorteos en otro nivel";
    WHICH_WEIGHT: "Which weight matters most" / "Qué peso importa más";
    WHICH_WEIGHT_HINT: "Each weight halved and raised by half, the others unchanged." / "Cada peso reducido a la mitad y aumentado a la mitad, sin cambiar los demás.";
    WEIGHT_TIMES: "Weight ×" / "Peso ×";
    SCHOOLS_MOVING_5: "Schools moving 5+ places" / "Escuelas que se mueven 5 puestos o más";
    AREAS_CHANGING_TIER: "Areas changing tier" / "Áreas que cambian de nivel";
    DOLLARS_MOVED_HEADER: "Dollars moved" / "Dólares que se mueven";

    // The workshop.
    WORKSHOP: "Workshop" / "Taller";
    YOUR_CODE: "Your weighting as a code to read aloud or type: " / "Sus pesos como un código para leer en voz alta o escribir: ";
    CODE_HINT: "Of the last three characters, the first two stand for this formula's shape and the last is a check, so a typo or a code for another formula is caught. Spaces or dashes between the parts both work. A share link works as well." / "De los tres últimos caracteres, los dos primeros representan la forma de esta fórmula y el último es de control, así que se detecta un error al escribirlo o un código de otra fórmula. Entre las partes sirven espacios o guiones. Un enlace para compartir también sirve.";
    ROUND_UP_WORKSHOP: "Round up a workshop" / "Reunir los resultados de un taller";
    PASTE_CODES: "Paste the participants' codes or share links (one per line, or separated by spaces)" / "Pegue los códigos o enlaces de los participantes (uno por línea, o separados por espacios)";
    ROUND_UP: "Round up" / "Reunir";
    ROUND_UP_COUNT: "{pasted} pasted: {used} used" / "{pasted} pegadas: {used} usadas";
    COULD_NOT_USE_N: ", {n} could not be used (listed below, with why)" / ", {n} no se pudieron usar (abajo, con el motivo)";
    CODE_PARTS: "What each part of the code stands for" / "Qué significa cada parte del código";
    CODE_PART_START: "start of a code" / "inicio del código";
    CODE_PART_TAIL: "formula mark and check" / "marca de la fórmula y control";
    CODE_TOO_MANY_DECIMALS: "The weight of {indicator} has more than two decimals, which a code cannot carry exactly; round it to two decimals to get a code." / "El peso de {indicator} tiene más de dos decimales, y un código no puede llevarlo exacto; redondéelo a dos decimales para obtener un código.";
    CODE_WEIGHT_TOO_LARGE: "The weight of {indicator} is above 999, which a code cannot carry; only the ratios between weights matter, so divide them all by ten." / "El peso de {indicator} pasa de 999, y un código no puede llevarlo; solo importan las proporciones entre pesos, así que divídalos todos entre diez.";
    WEIGHTS_SPREAD: "How the weights spread" / "Cómo se reparten los pesos";
    SPREAD_HINT: "Each submission is a dot; the box holds the middle half; the bar is the median." / "Cada propuesta es un punto; la caja contiene la mitad central; la barra es la mediana.";
    SPREAD: "Spread" / "Reparto";
    MIDDLE_HALF: "Middle half" / "Mitad central";
    RANGE: "Range" / "Rango";
    TEN_SCHOOLS_MEDIAN: "The ten schools of highest need under the median weights" / "Las diez escuelas de mayor necesidad con los pesos medianos";
    TEN_AREAS_MEDIAN: "The ten areas of highest need under the median weights" / "Las diez áreas de mayor necesidad con los pesos medianos";
    USE_MEDIAN: "Use the median weights" / "Usar los pesos medianos";
    CONSENSUS_SCHOOLS: "Every submission (or at least 80%) puts these schools in its top ten" / "Todas las propuestas (o al menos el 80%) ponen estas escuelas entre sus diez primeras";
    CONSENSUS_AREAS: "Every submission (or at least 80%) puts these areas in its top ten" / "Todas las propuestas (o al menos el 80%) ponen estas áreas entre sus diez primeras";
    NO_CONSENSUS: "No school is in at least 80% of the top tens." / "Ninguna escuela está en al menos el 80% de las listas de diez.";
    DISAGREE_MOST: "Where the submissions disagree most" / "Dónde más discrepan las propuestas";
    AGREE_ALL: "The submissions agree on every top-ten school." / "Las propuestas coinciden en todas las escuelas de sus diez primeras.";
    COULD_NOT_USE: "Could not be used" / "No se pudieron usar";
    AGREEMENT_LINE: "{name}: in {percent}% of the top tens; ranks {low}–{high}; {median} under the median weights" / "{name}: en el {percent}% de las listas de diez; puestos {low}–{high}; {median} con los pesos medianos";

    // The formula card.
    FORMULA_CARD: "Formula card" / "Ficha de la fórmula";
    CARD_DATA_DEMO: "Data: the synthetic demo district, seed {seed}." / "Datos: el distrito de demostración sintético, semilla {seed}.";
    CARD_DATA_FILES: "Data: {files} (each file's rows and SHA-256 are on the card)." / "Datos: {files} (las filas y el SHA-256 de cada archivo están en la ficha).";
    CARD_PLAIN_WORDS: "The current formula in plain words" / "La fórmula actual en palabras sencillas";
    CARD_MATH: "As math: S(a) = Σ wᵢ · nᵢ(a) / Σ wᵢ, where nᵢ(a) is neighbourhood a's normalised value on indicator i and wᵢ its weight." / "En fórmula: S(a) = Σ wᵢ · nᵢ(a) / Σ wᵢ, donde nᵢ(a) es el valor normalizado del vecindario a en el indicador i y wᵢ su peso.";
    PARAMETERS: "Parameters" / "Parámetros";
    DOWNLOAD_CARD: "Download the formula card (HTML)" / "Descargar la ficha de la fórmula (HTML)";

    // The formula card (the app's download and `ses card` write the same bytes).
    NORM_WORDS_WEIGHTED_PERCENTILE: "population-weighted percentile" / "percentil ponderado por población";
    NORM_MEANING_WEIGHTED_PERCENTILE: "A percentile is the share of all children who live in neighbourhoods with a value at or below this one (at or above, where more means less advantaged)." / "Un percentil es la proporción de todos los niños que viven en vecindarios con un valor igual o menor que este (igual o mayor, donde más significa menos ventaja).";
    NORM_WORDS_PERCENTILE: "percentile" / "percentil";
    NORM_MEANING_PERCENTILE: "A percentile is the share of neighbourhoods with a value at or below this one (at or above, where more means less advantaged)." / "Un percentil es la proporción de vecindarios con un valor igual o menor que este (igual o mayor, donde más significa menos ventaja).";
    NORM_WORDS_ZSCORE: "z-score" / "puntuación z";
    NORM_MEANING_ZSCORE: "A z-score is the distance from the average neighbourhood in standard deviations, positive for more advantaged." / "Una puntuación z es la distancia al vecindario promedio en desviaciones estándar, positiva para más ventaja.";
    NORM_WORDS_MINMAX: "0–100 position" / "posición de 0 a 100";
    NORM_MEANING_MINMAX: "A 0–100 position puts the least advantaged neighbourhood at 0 and the most advantaged at 100." / "Una posición de 0 a 100 pone el vecindario con menos ventaja en 0 y el de más ventaja en 100.";
    CARD_MORE_MORE: "more means more advantaged" / "más significa más ventaja";
    CARD_MORE_LESS: "more means less advantaged" / "más significa menos ventaja";
    CARD_MEASURE: "{label} (weight {share}; {way})" / "{label} (peso {share}; {way})";
    CARD_SCORE_ONE: "Each neighbourhood's score is the weighted average of its {name} on {n} census measure: {measures}. {meaning}" / "La puntuación de cada vecindario es el promedio ponderado de su {name} en {n} medida del censo: {measures}. {meaning}";
    CARD_SCORE_OTHER: "Each neighbourhood's score is the weighted average of its {name} on {n} census measures: {measures}. {meaning}" / "La puntuación de cada vecindario es el promedio ponderado de su {name} en {n} medidas del censo: {measures}. {meaning}";
    CARD_TIERS_POPULATION: "Neighbourhoods are sorted by score and cut into {k} tiers holding equal numbers of children; tier 1 has the lowest scores (the lowest socio-economic status)." / "Los vecindarios se ordenan por puntuación y se cortan en {k} niveles con el mismo número de niños; el nivel 1 tiene las puntuaciones más bajas (el nivel socioeconómico más bajo).";
    CARD_TIERS_COUNT: "Neighbourhoods are sorted by score and cut into {k} tiers with equal numbers of neighbourhoods; tier 1 has the lowest scores." / "Los vecindarios se ordenan por puntuación y se cortan en {k} niveles con el mismo número de vecindarios; el nivel 1 tiene las puntuaciones más bajas.";
    CARD_TIERS_CUTOFFS: "Neighbourhoods are put into {k} tiers by fixed score cut-offs ({cutoffs}); tier 1 has the lowest scores." / "Los vecindarios se reparten en {k} niveles con cortes de puntuación fijos ({cutoffs}); el nivel 1 tiene las puntuaciones más bajas.";
    CARD_PROFILE: "Each student counts in the tier of the neighbourhood they live in. A school's profile is its share of students in each tier; schools are ranked {how}." / "Cada estudiante cuenta en el nivel del vecindario donde vive. El perfil de una escuela es su proporción de estudiantes en cada nivel; las escuelas se ordenan {how}.";
    CARD_RANK_TIER1: "by their share of tier-1 students, highest first" / "por su proporción de estudiantes del nivel 1, de mayor a menor";
    CARD_RANK_MEAN: "by the average score of their students' neighbourhoods, lowest first" / "por la puntuación media de los vecindarios de sus estudiantes, de menor a mayor";
    CARD_POOL_WEIGHTED: "A pool of {pool} is split in proportion to each school's students, each weighted by their tier ({weights})." / "Un fondo de {pool} se reparte en proporción a los estudiantes de cada escuela, cada uno ponderado por su nivel ({weights}).";
    CARD_TIER_TIMES: "tier {n} × {w}" / "nivel {n} × {w}";
    CARD_POOL_NEED: "A pool of {pool} is split in proportion to each school's need: the sum over its students of 100 minus their neighbourhood's score." / "Un fondo de {pool} se reparte en proporción a la necesidad de cada escuela: la suma, para sus estudiantes, de 100 menos la puntuación de su vecindario.";
    CARD_POOL_SERVE: "A pool of {pool} goes to the schools with at least {cutoff}% of their students in tier 1, the same amount for each tier-1 student." / "Un fondo de {pool} va a las escuelas con al menos el {cutoff}% de sus estudiantes en el nivel 1, la misma cantidad por cada estudiante del nivel 1.";
    CARD_CENTS: "Amounts are rounded down to the cent and the cents left over go one each to the schools that lost the largest fractions, so they add up to the pool exactly." / "Las cantidades se redondean hacia abajo al centavo y los centavos sobrantes van de uno en uno a las escuelas que perdieron las fracciones más grandes, así que suman exactamente el fondo.";
    PARAM_FORMULA: "Formula" / "Fórmula";
    PARAM_AREA_ID: "Area id column" / "Columna del código de área";
    PARAM_POPULATION: "Population column" / "Columna de población";
    PARAM_NO_POPULATION: "none (each area counts once)" / "ninguna (cada área cuenta una vez)";
    PARAM_INDICATOR: "Indicator \"{column}\"" / "Indicador \"{column}\"";
    PARAM_WEIGHT: "weight {weight} ({share}), {direction}" / "peso {weight} ({share}), {direction}";
    PARAM_ADVANTAGE: "advantage" / "ventaja";
    PARAM_DISADVANTAGE: "disadvantage" / "desventaja";
    PARAM_SCHOOLS_RANKED_BY: "Schools ranked by" / "Escuelas ordenadas por";
    PARAM_ALLOCATION: "{method} of {pool}" / "{method} de {pool}";
    PARAM_SERVED_FROM: "Served from" / "Atendidas desde";
    PARAM_SERVED_PERCENT: "{n}% in tier 1" / "{n}% en el nivel 1";
    CARD_TITLE: "Formula card: {name}" / "Ficha de la fórmula: {name}";
    CARD_IN_PLAIN: "In plain language" / "En palabras sencillas";
    CARD_AS_MATH: "As math" / "En fórmula";
    CARD_WHERE: "where n<sub>i</sub>(a) is neighbourhood a's normalised value on indicator i (reversed for an indicator where more means less advantaged) and w<sub>i</sub> its weight." / "donde n<sub>i</sub>(a) es el valor normalizado del vecindario a en el indicador i (invertido para un indicador donde más significa menos ventaja) y w<sub>i</sub> su peso.";
    CARD_DATA: "Data" / "Datos";
    CARD_DEMO_DATA: "The synthetic demo district (not a real district), generated by SES Explorer's generator with seed {seed}: <code>ses demo --seed {seed}</code> writes the same files." / "El distrito de demostración sintético (no es un distrito real), creado por el generador de SES Explorer con la semilla {seed}: <code>ses demo --seed {seed}</code> escribe los mismos archivos.";
    CARD_FILE: "File" / "Archivo";
    CARD_ROWS: "Rows" / "Filas";
    CARD_NO_DATA: "No data file was given." / "No se dio ningún archivo de datos.";
    CARD_VERSION: "SES Explorer {version}, {date}. The <code>ses</code> command line with these files and this formula gives the same numbers." / "SES Explorer {version}, {date}. La línea de comandos <code>ses</code> con estos archivos y esta fórmula da los mismos números.";
    CARD_FORMULA_FILE: "Formula file" / "Archivo de la fórmula";

    // What is wrong in a file (the engine's errors; English is the engine's own wording).
    ERR_RAGGED: "{file}: row {row} has {found} fields but the header has {expected}; every row needs one value per column (leave a cell empty if it is missing)" / "{file}: la fila {row} tiene {found} campos pero el encabezado tiene {expected}; cada fila necesita un valor por columna (deje la celda vacía si falta)";
    ERR_DUPLICATE_COLUMN: "{file}: the header names column \"{column}\" twice; column names must be unique" / "{file}: el encabezado nombra la columna \"{column}\" dos veces; los nombres de columna no se pueden repetir";
    ERR_MISSING_COLUMN: "{file}: there is no column \"{column}\" ({purpose}); the columns are: {available}" / "{file}: no hay ninguna columna \"{column}\" ({purpose}); las columnas son: {available}";
    ERR_INVALID_VALUE: "{file}: row {row}, column \"{column}\": \"{value}\" is not valid; expected {expected}" / "{file}: fila {row}, columna \"{column}\": \"{value}\" no es válido; se esperaba {expected}";
    ERR_DUPLICATE_ID: "{file}: row {row}, column \"{column}\": id \"{id}\" already appears on row {first_row}; ids must be unique" / "{file}: fila {row}, columna \"{column}\": el código \"{id}\" ya aparece en la fila {first_row}; los códigos no se pueden repetir";
    ERR_UNKNOWN_ID: "{file}: row {row}, column \"{column}\": \"{id}\" is not an id in {other_file}" / "{file}: fila {row}, columna \"{column}\": \"{id}\" no es un código de {other_file}";
    ERR_NOTHING_TO_SCORE: "{file}: no row can be scored: every row is missing at least one indicator value" / "{file}: no se puede puntuar ninguna fila: a cada fila le falta al menos un valor de indicador";
    ERR_NO_WEIGHT: "all weights are zero (or every indicator is switched off); give at least one indicator a weight above zero" / "todos los pesos son cero (o todos los indicadores están desactivados); dé a al menos un indicador un peso mayor que cero";
    ERR_CUTOFFS_ORDER: "cutoffs must be numbers in increasing order" / "los cortes deben ser números en orden creciente";
    ERR_POOL_RANGE: "the pool must be between $0 and ${max}; it is {pool}" / "el fondo debe estar entre $0 y ${max}; es {pool}";
    ERR_SERVE_CUTOFF_RANGE: "the rank-and-serve cutoff must be between 0 and 100 percent; it is {cutoff}" / "el corte de ordenar y atender debe estar entre 0 y 100 por ciento; es {cutoff}";
    ERR_NEGATIVE_TIER_WEIGHT: "tier weights must be zero or more" / "los pesos de los niveles deben ser cero o más";
    ERR_FILE: "{file}: {message}" / "{file}: {message}";
    ERR_UNREADABLE_ROW: "{file}: row {row}: not readable as CSV: {reason}" / "{file}: fila {row}: no se puede leer como CSV: {reason}";
    FILE_NO_ROWS: "the file has a header but no data rows" / "el archivo tiene encabezado pero ninguna fila de datos";
    FILE_EMPTY: "the file is empty; expected a header row and at least one data row" / "el archivo está vacío; se esperaba una fila de encabezado y al menos una fila de datos";
    FILE_NO_SHEETS: "the workbook has no sheets" / "el libro no tiene hojas";
    PURPOSE_INDICATOR: "an indicator" / "un indicador";
    PURPOSE_POPULATION: "population" / "población";
    PURPOSE_AREA_ID_NAMED: "the area id named by \"id_column\"" / "el código de área que nombra \"id_column\"";
    PURPOSE_AREA_ID: "the area id" / "el código de área";
    PURPOSE_SCHOOL_ID: "the school id" / "el código de escuela";
    PURPOSE_STUDENT_ID: "the student id" / "el código de estudiante";
    PURPOSE_STUDENTS: "the number of students" / "el número de estudiantes";
    PURPOSE_ENROLLMENT: "the school enrollment" / "la matrícula de la escuela";
    PURPOSE_FUNDING: "current per-pupil funding" / "la financiación actual por estudiante";
    PURPOSE_LATITUDE: "the school's latitude" / "la latitud de la escuela";
    PURPOSE_LONGITUDE: "the school's longitude" / "la longitud de la escuela";
    PURPOSE_MAP_COLUMN: "the column the map is coloured by" / "la columna que colorea el mapa";
    ERR_NOT_LON_LAT: "{file}: feature {feature}: {value} is not a longitude and latitude in degrees; the map reads WGS 84 (EPSG:4326), as census boundary files come: save the file in that coordinate system" / "{file}: elemento {feature}: {value} no es una longitud y latitud en grados; el mapa lee WGS 84 (EPSG:4326), como vienen los archivos de límites del censo: guarde el archivo en ese sistema de coordenadas";
    ERR_TOO_MANY_VERTICES: "{file}: has more than {max} vertices, too many to redraw within a frame; simplify it first (for example mapshaper's -simplify 10%)" / "{file}: tiene más de {max} vértices, demasiados para volver a dibujarlos en un fotograma; simplifíquelo antes (por ejemplo con -simplify 10% de mapshaper)";
    ERR_NOTHING_TO_DRAW: "{file}: has no Polygon or MultiPolygon feature to draw" / "{file}: no tiene ningún elemento Polygon o MultiPolygon que dibujar";
    ERR_NO_ID_PROPERTY: "{file}: no property of the features ({properties}) holds the data's area ids (such as \"{example}\"); choose the property that does" / "{file}: ninguna propiedad de los elementos ({properties}) contiene los códigos de área de los datos (como \"{example}\"); elija la propiedad que los contiene";
    THERE_ARE_NONE: "there are none" / "no hay ninguna";
    ERR_NO_SUCH_PROPERTY: "{file}: the features have no property \"{property}\"; their properties are: {properties}" / "{file}: los elementos no tienen la propiedad \"{property}\"; sus propiedades son: {properties}";
    EXPECTED_NUMBER: "a number such as 50733, $50,733, 1,202 or 65.78% (or blank, NA, N/A or - when missing)" / "un número como 50733, $50,733, 1,202 o 65.78% (o vacío, NA, N/A o - cuando falta)";
    EXPECTED_COUNT: "a number of people that is zero or more, such as 1,202" / "un número de personas igual a cero o mayor, como 1,202";
    EXPECTED_NOT_NEGATIVE: " (negative counts are not allowed)" / " (no se admiten recuentos negativos)";
    EXPECTED_MISSING: " (this cell is missing)" / " (falta esta celda)";
    EXPECTED_ID: "an id (this cell is empty)" / "un código (esta celda está vacía)";

    // Why a workshop submission cannot be used.
    SUBMISSION_NO_SCENARIO: "the link holds no scenario" / "el enlace no lleva ningún escenario";
    SUBMISSION_OTHER_INDICATORS: "the link is for a formula with other indicators" / "el enlace es de una fórmula con otros indicadores";
    SUBMISSION_NOT_A_CODE: "not a workshop code (W-…) or a share link" / "no es un código de taller (W-…) ni un enlace para compartir";
    SUBMISSION_NO_CHECK: "the code has no check character" / "al código le falta el carácter de control";
    SUBMISSION_WEIGHT_FORM: "each weight must be a number from 0 to 999, with at most two decimals" / "cada peso debe ser un número de 0 a 999, con dos decimales como máximo";
    SUBMISSION_OTHER_SHAPE: "made for a formula of another shape (other indicators, directions, normalisation or tiers), so its weights mean something else here" / "es de una fórmula de otra forma (otros indicadores, sentidos, normalización o niveles), así que sus pesos aquí significan otra cosa";
    SUBMISSION_CHECK_FAILS: "the check character does not match: a typo, or a code made for another formula" / "el carácter de control no coincide: un error al escribir, o un código de otra fórmula";
    SUBMISSION_COUNT: "it has {found} weights; this formula has {expected} indicators" / "tiene {found} pesos; esta fórmula tiene {expected} indicadores";
    SUBMISSION_ALL_ZERO: "every weight is zero" / "todos los pesos son cero";
    ROUND_UP_NOTHING: "paste the participants' codes or share links first" / "pegue primero los códigos o enlaces de los participantes";
    ROUND_UP_NONE_USABLE: "none of the {n} submissions can be used" / "no se puede usar ninguna de las {n} propuestas";

    // Title I rules a rank-and-serve allocation breaks (English is the engine's wording).
    VIOLATION_SERVED75_ONE: "Every school with 75% or more of its students in tier 1 (50% for the chosen levels) must be served; {n} is not: {names}." / "Toda escuela con el 75% o más de sus estudiantes en el nivel 1 (el 50% en las etapas elegidas) debe ser atendida; {n} no lo es: {names}.";
    VIOLATION_SERVED75_OTHER: "Every school with 75% or more of its students in tier 1 (50% for the chosen levels) must be served; {n} are not: {names}." / "Toda escuela con el 75% o más de sus estudiantes en el nivel 1 (el 50% en las etapas elegidas) debe ser atendida; {n} no lo son: {names}.";
    VIOLATION_RANK_ORDER_ONE: "No school may be served while a school with a higher tier-1 share is not; {n} school is served with a share below {share} (the highest unserved share): {names}." / "Ninguna escuela puede ser atendida mientras no lo sea una con mayor proporción en el nivel 1; {n} escuela se atiende con una proporción menor que {share} (la mayor proporción sin atender): {names}.";
    VIOLATION_RANK_ORDER_OTHER: "No school may be served while a school with a higher tier-1 share is not; {n} schools are served with a share below {share} (the highest unserved share): {names}." / "Ninguna escuela puede ser atendida mientras no lo sea una con mayor proporción en el nivel 1; {n} escuelas se atienden con una proporción menor que {share} (la mayor proporción sin atender): {names}.";
    VIOLATION_MIN125_ONE: "A school below 35% is served, so every served school must get at least 125% of the district amount per tier-1 student (${amount}); {n} school gets less: {names}." / "Se atiende una escuela por debajo del 35%, así que cada escuela atendida debe recibir al menos el 125% de la cantidad del distrito por estudiante del nivel 1 (${amount}); {n} escuela recibe menos: {names}.";
    VIOLATION_MIN125_OTHER: "A school below 35% is served, so every served school must get at least 125% of the district amount per tier-1 student (${amount}); {n} schools get less: {names}." / "Se atiende una escuela por debajo del 35%, así que cada escuela atendida debe recibir al menos el 125% de la cantidad del distrito por estudiante del nivel 1 (${amount}); {n} escuelas reciben menos: {names}.";
    VIOLATION_PER_CHILD_ONE: "A served school may not get less per tier-1 student than a served school with a lower share; {n} school gets less: {names}." / "Una escuela atendida no puede recibir menos por estudiante del nivel 1 que una escuela atendida con menor proporción; {n} escuela recibe menos: {names}.";
    VIOLATION_PER_CHILD_OTHER: "A served school may not get less per tier-1 student than a served school with a lower share; {n} schools get less: {names}." / "Una escuela atendida no puede recibir menos por estudiante del nivel 1 que una escuela atendida con menor proporción; {n} escuelas reciben menos: {names}.";
}
