//! The message catalog: every word a visitor or site owner reads, in English and Spanish.
//!
//! Words are plain, warm and short, and never press (see CONTENT.md). Messages are looked up by
//! a [`Msg`] key so a missing translation is a compile error, not a blank screen.

use super::breathing::{BreathPattern, Cue, PatternKind};
use super::num::{push_secs, uint};
use super::options::{Expected, OptionError, PATTERN_NAMES, WIDGET_NAMES};

/// A language the widgets speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English, the default.
    En,
    /// Spanish.
    Es,
}

impl Lang {
    /// Accepted `lang` values, for messages.
    pub const TAGS: &'static [&'static str] = &["en", "es"];

    /// Reads a BCP 47 tag by its primary subtag: `es-MX` is Spanish; unknown is `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }

    /// The tag for `lang` attributes and speech synthesis.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }
}

/// Keys of the catalog.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    BreathingTitle,
    BreathingIntro,
    Start,
    Pause,
    Resume,
    Stop,
    Again,
    CueIn,
    CueTopUp,
    CueHoldIn,
    CueOut,
    CueHoldOut,
    ReadyWords,
    PausedWords,
    StoppedWords,
    DoneWords,
    KeysHint,
    BreathOf,
    SessionProgress,
    RatingQuestion,
    RatingLow,
    RatingHigh,
    Skip,
    Thanks,
    NotCare,
    SupportDefault,
    NoVoice,
    ErrorTitle,
    ErrorOwnerHint,
    PatternBox,
    Pattern478,
    PatternResonance,
    PatternExtended,
    PatternSigh,
    PatternCustom,
    BreathsPerMinute,
    MinutesShort,
    Breaths,
    // --- Grounding, body scan and check-in (issue 4) ---
    Noticed,
    NothingRightNow,
    Back,
    Next,
    UndoLast,
    NoticedCount,
    StartAgain,
    GroundingTitle,
    GroundingIntro,
    GroundingSee,
    GroundingTouch,
    GroundingHear,
    GroundingSmell,
    GroundingTaste,
    SenseSee,
    SenseTouch,
    SenseHear,
    SenseSmell,
    SenseTaste,
    SenseOf,
    WordLabel,
    AddWord,
    NoticedN,
    AnswerNothing,
    AnswerSkipped,
    GroundingSummary,
    PresentQuestion,
    PresentLow,
    PresentHigh,
    BodyScanTitle,
    BodyScanIntro,
    PalmsTitle,
    PalmsIntro,
    TemperatureTitle,
    TemperatureIntro,
    RegionHead,
    RegionJaw,
    RegionNeck,
    RegionArms,
    RegionChest,
    RegionBelly,
    RegionBack,
    RegionHips,
    RegionLegs,
    RegionFeet,
    PromptHead,
    PromptJaw,
    PromptNeck,
    PromptArms,
    PromptChest,
    PromptBelly,
    PromptBack,
    PromptHips,
    PromptLegs,
    PromptFeet,
    SenseWarmth,
    SenseCoolness,
    SenseTension,
    SenseEase,
    SenseTingling,
    SensePressure,
    SenseHeaviness,
    SenseLightness,
    SenseMovement,
    SenseNothing,
    TagsQuestion,
    Intensity,
    IntensityLow,
    IntensityHigh,
    PartOf,
    MoveOnWhenReady,
    ScanHeld,
    ScanDone,
    OutlineTitle,
    OutlineNoticed,
    OutlineNothing,
    PalmsJoin,
    PalmsPress,
    PalmsRelease,
    PalmsNotice,
    TemperatureFind,
    TemperatureFeel,
    TemperatureStay,
    TemperatureAfter,
    CheckInTitle,
    CheckInIntro,
    CheckInLine,
    PointShutDown,
    PointLow,
    PointSettled,
    PointStirred,
    PointOverwhelmed,
    ReasonShutDown,
    ReasonNumbPalms,
    ReasonNumbGrounding,
    ReasonNumbPleasure,
    ReasonLow,
    ReasonSettled,
    ReasonStirred,
    ReasonOverwhelmed,
    SuggestLead,
    TryHere,
    NotSafe,
    SafetyTitle,
    SafetyHarm,
    SafetyDetached,
    SafetySelfCare,
    SafetyInjury,
    SafetyWeeks,
    EmergencyLine,
    ContactSupport,
    ContactCrisis,
    GoToExercise,
    CloseInline,
    ScanLength,
    ScanStopped,
    NoticedSoFar,
    SummaryTitle,
    // --- end of issue 4 ---
    // --- Records, micro-pleasure tracker and plan (issue 3) ---
    PleasureTitle,
    PleasureIntro,
    PleasurePick,
    PleasureOwnLabel,
    ActSong,
    ActSunlight,
    ActTexture,
    ActScent,
    ActCreate,
    ActWalk,
    ActWarmDrink,
    ShiftQuestion,
    ShiftLow,
    ShiftHigh,
    SignalsQuestion,
    SignalShoulders,
    SignalTime,
    SignalInterest,
    SignalMore,
    SignalSmile,
    SignalWarmth,
    Save,
    Saved,
    HistoryTitle,
    Last14,
    Last30,
    SummaryShift,
    SummaryNoShift,
    SummaryNothing,
    ChartAlt,
    ChartDayNothing,
    ChartDayLogged,
    ChartDayShift,
    TopActsTitle,
    TopActsEmpty,
    TopActShifts,
    DataTitle,
    StaysHere,
    ExportJson,
    ExportCsv,
    ImportJson,
    ImportDone,
    ImportNotOurs,
    ImportDamaged,
    ImportNewer,
    ImportTooLarge,
    DeleteAll,
    DeleteConfirm,
    DeleteYes,
    Cancel,
    Deleted,
    StorageUnavailable,
    StorageOff,
    StorageDamaged,
    StorageNewer,
    StorageFull,
    Restarted,
    ExportKept,
    ExportPartial,
    ImportDoneDropped,
    ImportFuturePlan,
    ImportNotStored,
    DeleteIncomplete,
    CsvHeader,
    PlanTitle,
    PlanIntro,
    PlanStart,
    PlanDayOf,
    PlanBody,
    PlanSensory,
    PlanConnection,
    PlanMeaning,
    PlanBodyText,
    PlanSensoryText,
    PlanConnectionText,
    PlanMeaningText,
    PlanNoteLabel,
    PlanNoteHint,
    PlanRestart,
    PlanRestartConfirm,
    PlanRestartYes,
    PlanOver,
    PlanBefore,
    PlanGridLabel,
    PlanHasNote,
    PlanToday,
    PleasureNeedAct,
    PleasureRecent,
    RecentShift,
    ChartRange,
    PlanEarlier,
    PlanEarlierItem,
    PlanBackToday,
    PlanStartDays,
    PlanDayTitle,
    // --- end of issue 3 ---
}

/// Looks a message up.
pub fn text(lang: Lang, msg: Msg) -> &'static str {
    let (en, es) = match msg {
        Msg::BreathingTitle => ("Breathe with the circle", "Respira con el círculo"),
        Msg::BreathingIntro => (
            "Follow the circle as it grows and settles. There is nothing to get right; pause whenever you like.",
            "Sigue el círculo mientras crece y se calma. No hay nada que hacer bien; puedes pausar cuando quieras.",
        ),
        Msg::Start => ("Start", "Empezar"),
        Msg::Pause => ("Pause", "Pausar"),
        Msg::Resume => ("Resume", "Seguir"),
        Msg::Stop => ("Stop", "Parar"),
        Msg::Again => ("Breathe again", "Respirar otra vez"),
        Msg::CueIn => ("Breathe in", "Inhala"),
        Msg::CueTopUp => ("A little more", "Un poco más"),
        Msg::CueHoldIn => ("Hold gently", "Sostén suavemente"),
        Msg::CueOut => ("Breathe out", "Exhala"),
        Msg::CueHoldOut => ("Rest", "Descansa"),
        Msg::ReadyWords => ("Ready when you are", "Cuando quieras"),
        Msg::PausedWords => ("Paused. Resume when you like.", "En pausa. Sigue cuando quieras."),
        Msg::StoppedWords => ("Stopped.", "Detenido."),
        Msg::DoneWords => ("Done. Take a moment before you move on.", "Listo. Tómate un momento antes de seguir."),
        Msg::KeysHint => ("Space starts or pauses. Escape stops.", "Espacio empieza o pausa. Escape detiene."),
        Msg::BreathOf => ("Breath {n} of {total}", "Respiración {n} de {total}"),
        Msg::SessionProgress => ("Session progress", "Progreso de la sesión"),
        Msg::RatingQuestion => (
            "If you like: how does your body feel now?",
            "Si quieres: ¿cómo sientes tu cuerpo ahora?",
        ),
        Msg::RatingLow => ("0 not at ease", "0 nada a gusto"),
        Msg::RatingHigh => ("10 at ease", "10 a gusto"),
        Msg::Skip => ("Skip", "Omitir"),
        Msg::Thanks => ("Thank you for taking this time.", "Gracias por darte este tiempo."),
        Msg::NotCare => (
            "These exercises can support, not replace, professional care.",
            "Estos ejercicios pueden acompañar, no reemplazar, la atención profesional.",
        ),
        Msg::SupportDefault => ("Support", "Apoyo"),
        Msg::NoVoice => (
            "This browser has no voice for this language, so you will hear soft chimes instead.",
            "Este navegador no tiene voz en este idioma, así que oirás campanas suaves.",
        ),
        Msg::ErrorTitle => ("This exercise can't start yet", "Este ejercicio aún no puede empezar"),
        Msg::ErrorOwnerHint => (
            "A note for the site owner: please check the widget's options.",
            "Nota para quien gestiona el sitio: revisa las opciones del widget.",
        ),
        Msg::PatternBox => ("Box breathing", "Respiración cuadrada"),
        Msg::Pattern478 => ("4-7-8 breathing", "Respiración 4-7-8"),
        Msg::PatternResonance => ("Slow, even breathing", "Respiración lenta y pareja"),
        Msg::PatternExtended => ("Longer out-breath", "Exhalación más larga"),
        Msg::PatternSigh => ("Calming sigh", "Suspiro calmante"),
        Msg::PatternCustom => ("Your own pace", "Tu propio ritmo"),
        Msg::BreathsPerMinute => ("breaths a minute", "respiraciones por minuto"),
        Msg::MinutesShort => ("min", "min"),
        Msg::Breaths => ("breaths", "respiraciones"),
        // --- Grounding, body scan and check-in (issue 4) ---
        Msg::Noticed => ("Noticed one", "Noté una"),
        Msg::NothingRightNow => ("Nothing right now", "Nada por ahora"),
        Msg::Back => ("Back", "Atrás"),
        Msg::Next => ("Next", "Siguiente"),
        Msg::UndoLast => ("Take back the last one", "Quitar la última"),
        Msg::NoticedCount => ("{n} of {total} noticed", "{n} de {total} notadas"),
        Msg::StartAgain => ("Start again", "Empezar de nuevo"),
        Msg::GroundingTitle => ("Notice what is around you: 5-4-3-2-1", "Nota lo que te rodea: 5-4-3-2-1"),
        Msg::GroundingIntro => (
            "One sense at a time, notice a few things around you. The numbers are only an invitation: go at your own pace, and nothing is a fine answer.",
            "Un sentido a la vez, nota algunas cosas a tu alrededor. Los números son solo una invitación: ve a tu ritmo, y «nada» también es una buena respuesta.",
        ),
        Msg::GroundingSee => (
            "Look around. Notice five things you can see.",
            "Mira a tu alrededor. Nota cinco cosas que puedas ver.",
        ),
        Msg::GroundingTouch => (
            "Notice four things you can feel on your skin or touch: your clothes, the chair, the air.",
            "Nota cuatro cosas que sientas en la piel o puedas tocar: la ropa, la silla, el aire.",
        ),
        Msg::GroundingHear => (
            "Listen for a moment. Notice three things you can hear, near or far.",
            "Escucha un momento. Nota tres cosas que puedas oír, cerca o lejos.",
        ),
        Msg::GroundingSmell => (
            "Notice two things you can smell, even faintly.",
            "Nota dos cosas que puedas oler, aunque sea apenas.",
        ),
        Msg::GroundingTaste => (
            "Notice one thing you can taste, even just your own mouth.",
            "Nota una cosa que puedas saborear, aunque sea solo tu propia boca.",
        ),
        Msg::SenseSee => ("Seeing", "Vista"),
        Msg::SenseTouch => ("Touch", "Tacto"),
        Msg::SenseHear => ("Hearing", "Oído"),
        Msg::SenseSmell => ("Smell", "Olfato"),
        Msg::SenseTaste => ("Taste", "Gusto"),
        Msg::SenseOf => ("Sense {n} of {total}", "Sentido {n} de {total}"),
        Msg::WordLabel => ("A word or two, if you like", "Una o dos palabras, si quieres"),
        Msg::AddWord => ("Add", "Añadir"),
        Msg::NoticedN => ("{n} noticed", "{n} notadas"),
        Msg::AnswerNothing => ("nothing right now", "nada por ahora"),
        Msg::AnswerSkipped => ("skipped", "omitido"),
        Msg::GroundingSummary => (
            "You took a moment with each sense. Whatever you noticed, or didn't, is fine.",
            "Te tomaste un momento con cada sentido. Lo que hayas notado, o no, está bien.",
        ),
        Msg::PresentQuestion => (
            "If you like: how present do you feel now?",
            "Si quieres: ¿qué tan presente te sientes ahora?",
        ),
        Msg::PresentLow => ("0 far away", "0 lejos"),
        Msg::PresentHigh => ("10 right here", "10 aquí mismo"),
        Msg::BodyScanTitle => ("Body scan, head to toe", "Recorrido del cuerpo, de la cabeza a los pies"),
        Msg::BodyScanIntro => (
            "Rest your attention on one part of the body at a time. Notice whatever is there: warmth, tension, or nothing at all. Nothing is a fine answer.",
            "Lleva la atención a una parte del cuerpo cada vez. Nota lo que haya: calor, tensión o nada en absoluto. «Nada» también es una buena respuesta.",
        ),
        Msg::PalmsTitle => ("Palms together", "Palmas juntas"),
        Msg::PalmsIntro => (
            "A short exercise for your hands: press, release, and notice. Stop whenever you like.",
            "Un ejercicio corto para las manos: presionar, soltar y notar. Para cuando quieras.",
        ),
        Msg::TemperatureTitle => ("Warm or cool", "Calor o frescor"),
        Msg::TemperatureIntro => (
            "A short exercise with temperature. If you like, have something comfortably warm nearby, like a mug, or a spot with cooler air.",
            "Un ejercicio corto con la temperatura. Si quieres, ten cerca algo agradablemente tibio, como una taza, o un lugar con aire más fresco.",
        ),
        Msg::RegionHead => ("Head and face", "Cabeza y cara"),
        Msg::RegionJaw => ("Jaw", "Mandíbula"),
        Msg::RegionNeck => ("Neck and shoulders", "Cuello y hombros"),
        Msg::RegionArms => ("Arms and hands", "Brazos y manos"),
        Msg::RegionChest => ("Chest", "Pecho"),
        Msg::RegionBelly => ("Belly", "Vientre"),
        Msg::RegionBack => ("Back", "Espalda"),
        Msg::RegionHips => ("Hips", "Caderas"),
        Msg::RegionLegs => ("Legs", "Piernas"),
        Msg::RegionFeet => ("Feet", "Pies"),
        Msg::PromptHead => (
            "Bring your attention to your head and face. Notice your forehead, your eyes, your cheeks.",
            "Lleva la atención a la cabeza y la cara. Nota la frente, los ojos, las mejillas.",
        ),
        Msg::PromptJaw => (
            "Notice your jaw. Held or loose, either is fine.",
            "Nota la mandíbula. Apretada o suelta, las dos están bien.",
        ),
        Msg::PromptNeck => (
            "Move to your neck and shoulders. Notice any weight or holding there.",
            "Pasa al cuello y los hombros. Nota si hay peso o algo sostenido ahí.",
        ),
        Msg::PromptArms => (
            "Notice your arms, down to your hands and fingertips.",
            "Nota los brazos, hasta las manos y la punta de los dedos.",
        ),
        Msg::PromptChest => (
            "Rest your attention on your chest. Notice it rise and fall, without changing anything.",
            "Deja la atención en el pecho. Nota cómo sube y baja, sin cambiar nada.",
        ),
        Msg::PromptBelly => (
            "Notice your belly: soft, tight, or nothing in particular.",
            "Nota el vientre: blando, tenso o nada en particular.",
        ),
        Msg::PromptBack => (
            "Notice your back, where it meets the chair or the air.",
            "Nota la espalda, donde toca la silla o el aire.",
        ),
        Msg::PromptHips => (
            "Move to your hips. Notice how they rest and what holds them up.",
            "Pasa a las caderas. Nota cómo descansan y qué las sostiene.",
        ),
        Msg::PromptLegs => (
            "Notice your legs, from your thighs to your knees and calves.",
            "Nota las piernas, de los muslos a las rodillas y las pantorrillas.",
        ),
        Msg::PromptFeet => (
            "Last, your feet. Notice where they touch the floor, or nothing at all.",
            "Por último, los pies. Nota dónde tocan el suelo, o nada en absoluto.",
        ),
        Msg::SenseWarmth => ("Warmth", "Calor"),
        Msg::SenseCoolness => ("Coolness", "Frescor"),
        Msg::SenseTension => ("Tension", "Tensión"),
        Msg::SenseEase => ("Ease", "Soltura"),
        Msg::SenseTingling => ("Tingling", "Hormigueo"),
        Msg::SensePressure => ("Pressure", "Presión"),
        Msg::SenseHeaviness => ("Heaviness", "Pesadez"),
        Msg::SenseLightness => ("Lightness", "Ligereza"),
        Msg::SenseMovement => ("Movement", "Movimiento"),
        Msg::SenseNothing => ("Nothing noticed", "Nada en particular"),
        Msg::TagsQuestion => (
            "What is there, if anything? Choose any that fit.",
            "¿Qué hay, si hay algo? Elige lo que encaje.",
        ),
        Msg::Intensity => ("How strong, if you like", "Qué tan intenso, si quieres"),
        Msg::IntensityLow => ("0 barely there", "0 apenas"),
        Msg::IntensityHigh => ("10 very strong", "10 muy intenso"),
        Msg::PartOf => ("Part {n} of {total}", "Parte {n} de {total}"),
        Msg::MoveOnWhenReady => ("Move on whenever you're ready.", "Sigue cuando quieras."),
        Msg::ScanHeld => (
            "Staying here while you choose. Press Next whenever you're ready.",
            "Nos quedamos aquí mientras eliges. Pulsa Siguiente cuando quieras.",
        ),
        Msg::ScanDone => (
            "That's the whole scan. Take a moment before you move on.",
            "Ese es el recorrido completo. Tómate un momento antes de seguir.",
        ),
        Msg::OutlineTitle => ("Where something was noticed", "Dónde se notó algo"),
        Msg::OutlineNoticed => ("Something was noticed in: {regions}.", "Se notó algo en: {regions}."),
        Msg::OutlineNothing => (
            "Nothing in particular was noticed this time. That is a fine answer too.",
            "Esta vez no se notó nada en particular. También es una buena respuesta.",
        ),
        Msg::PalmsJoin => ("Bring your palms together in front of you.", "Junta las palmas delante de ti."),
        Msg::PalmsPress => (
            "Press them gently together. Notice the pressure, and where your fingers meet.",
            "Presiónalas suavemente. Nota la presión y dónde se encuentran los dedos.",
        ),
        Msg::PalmsRelease => (
            "Slowly let go, and let your hands rest.",
            "Suelta despacio y deja descansar las manos.",
        ),
        Msg::PalmsNotice => (
            "Notice what is there now: tingling, warmth, or nothing at all. All are fine.",
            "Nota lo que hay ahora: hormigueo, calor o nada en absoluto. Todo está bien.",
        ),
        Msg::TemperatureFind => (
            "Hold something comfortably warm, like a mug, or step into cooler air.",
            "Sostén algo agradablemente tibio, como una taza, o sal a un aire más fresco.",
        ),
        Msg::TemperatureFeel => (
            "Notice the temperature on your skin: where it touches, and how far it spreads.",
            "Nota la temperatura en la piel: dónde toca y hasta dónde llega.",
        ),
        Msg::TemperatureStay => (
            "Stay with it a little longer. Notice if it changes.",
            "Quédate con ella un poco más. Nota si cambia.",
        ),
        Msg::TemperatureAfter => (
            "Let go when you like, and notice what stays.",
            "Suelta cuando quieras y nota lo que queda.",
        ),
        Msg::CheckInTitle => ("Where are you right now?", "¿Dónde estás ahora mismo?"),
        Msg::CheckInIntro => (
            "Tap the point closest to this moment. There is no right answer, and it can change.",
            "Toca el punto más cercano a este momento. No hay respuesta correcta, y puede cambiar.",
        ),
        Msg::CheckInLine => ("From shut down to overwhelmed", "De todo apagado a todo es demasiado"),
        Msg::PointShutDown => ("Shut down and numb", "Todo apagado, sin sentir"),
        Msg::PointLow => ("A bit flat or far away", "Sin mucho color, como lejos"),
        Msg::PointSettled => ("Settled", "En calma"),
        Msg::PointStirred => ("A bit stirred up", "Algo de inquietud"),
        Msg::PointOverwhelmed => ("Overwhelmed", "Todo es demasiado"),
        Msg::ReasonShutDown => (
            "When things feel shut down, a little warmth or coolness on the skin can gently wake the senses.",
            "Cuando todo se siente apagado, un poco de calor o frescor en la piel puede despertar los sentidos con suavidad.",
        ),
        Msg::ReasonNumbPalms => (
            "When things feel shut down, pressing your palms together gives the body something simple and clear to notice. No feeling is needed.",
            "Cuando todo se siente apagado, juntar las palmas y presionarlas le da al cuerpo algo sencillo y claro que notar. No hace falta sentir nada.",
        ),
        Msg::ReasonNumbGrounding => (
            "When things feel shut down, naming a few things around you, one sense at a time, can bring you gently back into the room.",
            "Cuando todo se siente apagado, nombrar algunas cosas a tu alrededor, un sentido cada vez, puede traerte con suavidad de vuelta al lugar donde estás.",
        ),
        Msg::ReasonNumbPleasure => (
            "When things feel shut down, one very small pleasant thing can be enough. Nothing needs to happen; just notice.",
            "Cuando todo se siente apagado, una cosa agradable muy pequeña puede bastar. No tiene que pasar nada; solo nota.",
        ),
        Msg::ReasonLow => (
            "When things feel flat or far away, noticing what is around you can bring you a little closer to here.",
            "Cuando todo se siente plano o lejano, notar lo que te rodea puede acercarte un poco al aquí y ahora.",
        ),
        Msg::ReasonSettled => (
            "There may be a little room right now. If you like, try one tiny pleasant thing and notice whether anything shifts, even slightly.",
            "Quizá haya un poco de espacio ahora. Si quieres, prueba algo pequeño y agradable y nota si algo cambia, aunque sea un poco.",
        ),
        Msg::ReasonStirred => (
            "A longer out-breath can help things settle, at your own pace.",
            "Una exhalación más larga puede ayudar a que todo se calme, a tu ritmo.",
        ),
        Msg::ReasonOverwhelmed => (
            "When it is all too much, a slow, longer out-breath can help. This one starts easy and lengthens gently.",
            "Cuando todo es demasiado, una exhalación lenta y más larga puede ayudar. Esta empieza fácil y se alarga con suavidad.",
        ),
        Msg::SuggestLead => ("If you like, a next step:", "Si quieres, un siguiente paso:"),
        Msg::TryHere => ("Try it here", "Probarlo aquí"),
        Msg::NotSafe => ("I'm not safe right now", "Ahora mismo no estoy a salvo"),
        Msg::SafetyTitle => ("Please get help now if:", "Busca ayuda ahora si:"),
        Msg::SafetyHarm => (
            "you have thoughts of harming yourself, or feel you can't stay safe",
            "tienes pensamientos de hacerte daño, o sientes que no puedes mantenerte a salvo",
        ),
        Msg::SafetyDetached => (
            "you feel detached for long stretches: losing time, or not recognising yourself or where you are",
            "durante largos ratos todo se siente lejano: pierdes la noción del tiempo, o no te reconoces ni reconoces el lugar donde estás",
        ),
        Msg::SafetySelfCare => (
            "you can't look after yourself right now: eating, sleeping, getting through the day",
            "ahora mismo no puedes cuidar de ti: comer, dormir, llegar al final del día",
        ),
        Msg::SafetyInjury => (
            "the numbness came after a head injury, or with new weakness, confusion or trouble speaking",
            "el entumecimiento apareció después de un golpe en la cabeza, o con debilidad, confusión o dificultad para hablar que son nuevas",
        ),
        Msg::SafetyWeeks => (
            "Numbness that has lasted for weeks, or that gets in the way of work, relationships or looking after yourself, is worth bringing to a clinician.",
            "Si el entumecimiento dura ya semanas, o se interpone en el trabajo, las relaciones o el cuidado de ti, vale la pena hablarlo con un profesional de la salud.",
        ),
        Msg::EmergencyLine => (
            "If you might act on thoughts of harming yourself, or can't stay safe, contact local emergency services now.",
            "Si crees que podrías actuar según pensamientos de hacerte daño, o no puedes mantenerte a salvo, contacta ahora con los servicios de emergencia de tu zona.",
        ),
        Msg::ContactSupport => ("Contact {support}", "Contacta con {support}"),
        Msg::ContactCrisis => (
            "A crisis line, right now: {crisis}",
            "Una línea de crisis, ahora mismo: {crisis}",
        ),
        Msg::GoToExercise => ("Go to the exercise on this page", "Ir al ejercicio en esta página"),
        Msg::CloseInline => ("Close it", "Cerrarlo"),
        Msg::ScanLength => ("{n} parts · {s} seconds each", "{n} partes · {s} segundos cada una"),
        Msg::ScanStopped => (
            "You stopped here, and that is fine. This is what you noticed.",
            "Paraste aquí, y está bien. Esto es lo que notaste.",
        ),
        Msg::NoticedSoFar => ("Noticed so far", "Notado hasta ahora"),
        Msg::SummaryTitle => ("What you noticed", "Lo que notaste"),
        // --- end of issue 4 ---
        // --- Records, micro-pleasure tracker and plan (issue 3) ---
        Msg::PleasureTitle => ("A small pleasant moment", "Un pequeño momento agradable"),
        Msg::PleasureIntro => (
            "Try one tiny thing that might feel a little good, then notice what happens. Nothing at all is a fine answer.",
            "Prueba algo pequeño que quizá se sienta un poco bien y observa qué pasa. Nada en absoluto también es una buena respuesta.",
        ),
        Msg::PleasurePick => (
            "Pick something small, or write your own",
            "Elige algo pequeño o escribe lo tuyo",
        ),
        Msg::PleasureOwnLabel => ("In your own words", "Con tus palabras"),
        Msg::ActSong => ("One song you used to like", "Una canción que te gustaba"),
        Msg::ActSunlight => ("Three minutes of sunlight on your face", "Tres minutos de sol en la cara"),
        Msg::ActTexture => (
            "A food with texture: a crunchy apple, warm soup",
            "Un alimento con textura: una manzana crujiente, una sopa caliente",
        ),
        Msg::ActScent => ("A familiar scent: soap, tea, lotion", "Un olor conocido: jabón, té, crema"),
        Msg::ActCreate => (
            "Three lines of writing, one sketch or one photo",
            "Tres líneas escritas, un dibujo o una foto",
        ),
        Msg::ActWalk => ("A short walk", "Un paseo corto"),
        Msg::ActWarmDrink => ("A warm drink", "Una bebida caliente"),
        Msg::ShiftQuestion => (
            "Did anything shift, even 1-2 percent?",
            "¿Cambió algo, aunque sea un 1 o 2 por ciento?",
        ),
        Msg::ShiftLow => ("0 nothing, and that's fine", "0 nada, y está bien"),
        Msg::ShiftHigh => ("10 a clear shift", "10 un cambio claro"),
        Msg::SignalsQuestion => (
            "Any tiny signals? Tick any you noticed, or none.",
            "¿Alguna señal pequeña? Marca las que notaste, o ninguna.",
        ),
        Msg::SignalShoulders => ("My shoulders dropped", "Mis hombros bajaron"),
        Msg::SignalTime => ("Time moved a little faster", "El tiempo pasó un poco más rápido"),
        Msg::SignalInterest => ("A flicker of interest", "Una chispa de interés"),
        Msg::SignalMore => ("I wanted a bit more", "Quise un poco más"),
        Msg::SignalSmile => ("A smile", "Una sonrisa"),
        Msg::SignalWarmth => ("Warmth somewhere", "Calor en alguna parte"),
        Msg::Save => ("Save", "Guardar"),
        Msg::Saved => ("Saved", "Guardado"),
        Msg::HistoryTitle => ("What you've noticed", "Lo que has notado"),
        Msg::Last14 => ("Last 14 days", "Últimos 14 días"),
        Msg::Last30 => ("Last 30 days", "Últimos 30 días"),
        Msg::SummaryShift => (
            "A shift on {n} of the last {total} days.",
            "Algún cambio en {n} de los últimos {total} días.",
        ),
        Msg::SummaryNoShift => (
            "No shift noticed this past week, and that's common. Reward often comes back quietly, after a few tries.",
            "Ningún cambio notado esta última semana, y es algo común. El disfrute suele volver en silencio, tras algunos intentos.",
        ),
        Msg::SummaryNothing => (
            "Nothing logged this past week, and that's fine. One small thing, whenever you like.",
            "Nada anotado esta última semana, y está bien. Algo pequeño, cuando quieras.",
        ),
        Msg::ChartAlt => (
            "Last {total} days: something tried on {logged} days, a shift noticed on {shifted}.",
            "Últimos {total} días: algo probado en {logged} días, algún cambio notado en {shifted}.",
        ),
        Msg::ChartDayNothing => ("{date}: nothing logged", "{date}: nada anotado"),
        Msg::ChartDayLogged => ("{date}: {entries} tried", "{date}: registros: {entries}"),
        Msg::ChartDayShift => (
            "{date}: {entries} tried, a shift of {shift} out of 10",
            "{date}: registros: {entries}, un cambio de {shift} sobre 10",
        ),
        Msg::TopActsTitle => (
            "Acts that most often brought a shift",
            "Lo que más a menudo trajo algún cambio",
        ),
        Msg::TopActsEmpty => (
            "Nothing here yet. Shifts often come quietly, after a few tries.",
            "Aún no hay nada aquí. Los cambios suelen llegar en silencio, tras algunos intentos.",
        ),
        Msg::TopActShifts => ("{act} · shifts noticed: {n}", "{act} · cambios notados: {n}"),
        Msg::DataTitle => ("Your records", "Tus registros"),
        Msg::StaysHere => (
            "Kept only in this browser. Nothing is sent anywhere.",
            "Se guarda solo en este navegador. No se envía nada a ningún sitio.",
        ),
        Msg::ExportJson => ("Export (JSON)", "Exportar (JSON)"),
        Msg::ExportCsv => ("Export for a spreadsheet (CSV)", "Exportar para hoja de cálculo (CSV)"),
        Msg::ImportJson => ("Import (JSON)", "Importar (JSON)"),
        Msg::ImportDone => (
            "Imported: added {added}, already there {skipped}.",
            "Importado: {added} añadidos, {skipped} ya estaban.",
        ),
        Msg::ImportNotOurs => (
            "This file isn't an Attune export, so nothing was changed.",
            "Este archivo no es una exportación de Attune, así que no se cambió nada.",
        ),
        Msg::ImportDamaged => (
            "This file couldn't be read; it may be damaged or incomplete. Nothing was changed.",
            "No se pudo leer este archivo; puede estar dañado o incompleto. No se cambió nada.",
        ),
        Msg::ImportNewer => (
            "This file comes from a newer version of Attune, so nothing was changed.",
            "Este archivo viene de una versión más reciente de Attune, así que no se cambió nada.",
        ),
        Msg::ImportTooLarge => (
            "This file is too large to import (the most is 50,000 entries), so nothing was changed.",
            "Este archivo es demasiado grande para importarlo (como máximo, 50.000 entradas), así que no se cambió nada.",
        ),
        Msg::ImportDoneDropped => (
            "Imported: added {added}, already there {skipped}. Left out {dropped} that the file itself marks as deleted or lists twice.",
            "Importado: {added} añadidos, {skipped} ya estaban. Se dejaron fuera {dropped} que el propio archivo marca como borrados o repite.",
        ),
        Msg::ImportFuturePlan => (
            "This file has a plan that starts on a later date, so nothing was changed.",
            "Este archivo tiene un plan que empieza en una fecha posterior, así que no se cambió nada.",
        ),
        Msg::ImportNotStored => (
            "This file couldn't be stored: this browser's storage is full. Nothing was changed.",
            "No se pudo guardar este archivo: el almacenamiento de este navegador está lleno. No se cambió nada.",
        ),
        Msg::DeleteAll => ("Delete everything", "Borrar todo"),
        Msg::DeleteConfirm => (
            "Delete everything Attune keeps in this browser: small pleasant moments, plans and practice sessions? This can't be undone; you may like to export it first.",
            "¿Borrar todo lo que Attune guarda en este navegador: momentos agradables, planes y sesiones de práctica? No se puede deshacer; quizá quieras exportarlo antes.",
        ),
        Msg::DeleteYes => ("Yes, delete everything", "Sí, borrar todo"),
        Msg::Cancel => ("Cancel", "Cancelar"),
        Msg::Deleted => ("Everything was deleted.", "Se borró todo."),
        Msg::DeleteIncomplete => (
            "Not everything could be deleted: some of your records are still in this browser. You can try again, or clear this site's data in the browser's settings.",
            "No se pudo borrar todo: parte de tus registros sigue en este navegador. Puedes intentarlo de nuevo o borrar los datos de este sitio en la configuración del navegador.",
        ),
        Msg::StorageUnavailable => (
            "History won't be kept this time: this browser isn't letting us save.",
            "Esta vez no se guardará el historial: este navegador no nos deja guardar.",
        ),
        Msg::StorageOff => (
            "This page keeps no history: nothing is saved.",
            "Esta página no guarda historial: no se guarda nada.",
        ),
        Msg::StorageDamaged => (
            "Some saved data couldn't be read. It's kept safe and untouched; you can export it.",
            "No se pudieron leer algunos datos guardados. Se conservan intactos; puedes exportarlos.",
        ),
        Msg::StorageNewer => (
            "Saved data from a newer version of Attune is kept untouched, so new entries here won't be kept. You can export it from “Your records”.",
            "Los datos guardados por una versión más reciente de Attune se conservan intactos, así que aquí no se guardarán entradas nuevas. Puedes exportarlos desde «Tus registros».",
        ),
        Msg::Restarted => (
            "Something went wrong just now, so this exercise started afresh. Your saved records are safe.",
            "Algo falló hace un momento, así que este ejercicio empezó de nuevo. Tus registros guardados están a salvo.",
        ),
        Msg::StorageFull => (
            "Your saved records are here, but new entries can't be kept right now: this browser's storage is full.",
            "Tus registros guardados están aquí, pero ahora mismo no se pueden guardar entradas nuevas: el almacenamiento de este navegador está lleno.",
        ),
        Msg::ExportKept => ("Export the kept data", "Exportar los datos conservados"),
        Msg::ExportPartial => (
            "Exported what could be read. Some saved data couldn't be read, so it isn't in this file; “Export the kept data” saves it as it is.",
            "Se exportó lo que se pudo leer. Algunos datos guardados no se pudieron leer y no están en este archivo; «Exportar los datos conservados» los guarda tal cual.",
        ),
        Msg::CsvHeader => ("date,time_ms,act,text,shift,signals", "fecha,hora_ms,acto,texto,cambio,señales"),
        Msg::PlanTitle => ("Reconnection plan", "Plan de reconexión"),
        Msg::PlanIntro => (
            "Each day, four small invitations. Do one, all or none, in any order, and tick what you did if you like. Nothing needs catching up.",
            "Cada día, cuatro pequeñas invitaciones. Haz una, todas o ninguna, en el orden que quieras, y marca lo que hiciste si te apetece. No hay nada que recuperar.",
        ),
        Msg::PlanStart => ("Start a plan", "Empezar un plan"),
        Msg::PlanDayOf => ("Day {n} of {total}", "Día {n} de {total}"),
        Msg::PlanBody => ("Body", "Cuerpo"),
        Msg::PlanSensory => ("Senses", "Sentidos"),
        Msg::PlanConnection => ("Connection", "Conexión"),
        Msg::PlanMeaning => ("Meaning", "Lo que importa"),
        Msg::PlanBodyText => (
            "Five minutes of gentle movement: stretch, sway, walk around the room.",
            "Cinco minutos de movimiento suave: estirarte, balancearte, caminar por la habitación.",
        ),
        Msg::PlanSensoryText => (
            "One deliberate sensory moment: a piece of music, a scent, something warm in your hands.",
            "Un momento sensorial a propósito: una canción, un olor, algo cálido entre las manos.",
        ),
        Msg::PlanConnectionText => (
            "One small contact: a text, a short call, a few words with someone.",
            "Un pequeño contacto: un mensaje, una llamada corta, unas palabras con alguien.",
        ),
        Msg::PlanMeaningText => (
            "One small act that matters to you: tidy one surface, read two pages, cook something nourishing.",
            "Un pequeño gesto que te importe: ordenar una superficie, leer dos páginas, cocinar algo nutritivo.",
        ),
        Msg::PlanNoteLabel => ("Today I noticed…", "Hoy noté…"),
        Msg::PlanNoteHint => (
            "One small thing, if you like: a sensation, a flicker of interest, even irritation. All of it counts.",
            "Algo pequeño, si quieres: una sensación, una chispa de interés, incluso irritación. Todo cuenta.",
        ),
        Msg::PlanRestart => ("Start afresh", "Empezar de nuevo"),
        Msg::PlanRestartConfirm => (
            "Start a new plan from today? Your earlier days stay in your records.",
            "¿Empezar un plan nuevo desde hoy? Tus días anteriores se quedan en tus registros.",
        ),
        Msg::PlanRestartYes => ("Start a new plan", "Empezar un plan nuevo"),
        Msg::PlanOver => (
            "This plan's days have passed. A new start, whenever you like.",
            "Los días de este plan ya pasaron. Un nuevo comienzo, cuando quieras.",
        ),
        Msg::PlanBefore => ("This plan starts on {date}.", "Este plan empieza el {date}."),
        Msg::PlanGridLabel => ("Your plan's days", "Los días de tu plan"),
        Msg::PlanHasNote => ("a note", "una nota"),
        Msg::PlanToday => ("today", "hoy"),
        Msg::PleasureNeedAct => (
            "Choose what you tried first, or put it in your own words.",
            "Elige primero lo que probaste, o ponlo con tus palabras.",
        ),
        Msg::PleasureRecent => ("Recently", "Últimamente"),
        Msg::RecentShift => ("a shift of {n} out of 10", "un cambio de {n} sobre 10"),
        Msg::ChartRange => ("Days shown", "Días mostrados"),
        Msg::PlanEarlier => ("Earlier plans", "Planes anteriores"),
        Msg::PlanEarlierItem => ("Started {date} · {days} days", "Empezado el {date} · {days} días"),
        Msg::PlanBackToday => ("Back to today", "Volver a hoy"),
        Msg::PlanStartDays => (
            "{days} days, starting today. Begin whenever you feel ready.",
            "{days} días, empezando hoy. Empieza cuando te apetezca.",
        ),
        Msg::PlanDayTitle => ("Day {n} of {total} · {date}", "Día {n} de {total} · {date}"),
        // --- end of issue 3 ---
    };
    match lang {
        Lang::En => en,
        Lang::Es => es,
    }
}

/// Fills `{name}` slots of a message with values.
pub fn fill(template: &str, slots: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in slots {
        let key = ["{", name, "}"].concat();
        out = out.replace(&key, value);
    }
    out
}

/// The words for a cue.
pub fn cue_text(lang: Lang, cue: Cue) -> &'static str {
    text(
        lang,
        match cue {
            Cue::In => Msg::CueIn,
            Cue::TopUp => Msg::CueTopUp,
            Cue::HoldIn => Msg::CueHoldIn,
            Cue::Out => Msg::CueOut,
            Cue::HoldOut => Msg::CueHoldOut,
        },
    )
}

/// A pattern as a visitor reads it: "4-7-8 breathing · 4-7-8", "Slow, even breathing · 5.5
/// breaths a minute".
pub fn pattern_label(lang: Lang, pattern: &BreathPattern) -> String {
    let name = text(
        lang,
        match pattern.kind {
            PatternKind::Box => Msg::PatternBox,
            PatternKind::FourSevenEight => Msg::Pattern478,
            PatternKind::Resonance { .. } => Msg::PatternResonance,
            PatternKind::ExtendedExhale => Msg::PatternExtended,
            PatternKind::Sigh => Msg::PatternSigh,
            PatternKind::Custom => Msg::PatternCustom,
        },
    );
    let mut out = String::from(name);
    if pattern.kind == PatternKind::FourSevenEight {
        return out;
    }
    out.push_str(" · ");
    match pattern.kind {
        PatternKind::Resonance { bpm } => {
            push_secs(&mut out, bpm);
            out.push(' ');
            out.push_str(text(lang, Msg::BreathsPerMinute));
        }
        _ => out.push_str(&pattern.timing_label()),
    }
    out
}

fn quoted_list(items: &[&str], or: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == items.len() { or } else { ", " });
        }
        out.push('"');
        out.push_str(item);
        out.push('"');
    }
    out
}

fn num(v: f64) -> String {
    let mut s = String::new();
    push_secs(&mut s, v);
    s
}

/// A readable sentence for an option error, naming the option and what it takes. Quoted input
/// is only ever shown as text.
pub fn describe_error(lang: Lang, err: &OptionError) -> String {
    let (or, es) = match lang {
        Lang::En => (" or ", false),
        Lang::Es => (" o ", true),
    };
    match err {
        OptionError::UnknownWidget { given } => {
            let list = quoted_list(WIDGET_NAMES, or);
            if es {
                [
                    "No hay ningún ejercicio llamado \"",
                    given,
                    "\" (en data-attune o widget). Usa ",
                    &list,
                    ".",
                ]
                .concat()
            } else {
                [
                    "There is no exercise called \"",
                    given,
                    "\" (set by data-attune or widget). Use ",
                    &list,
                    ".",
                ]
                .concat()
            }
        }
        OptionError::BadValue {
            option,
            given,
            expected,
        } => {
            let takes = match expected {
                Expected::OneOf(list) => quoted_list(list, or),
                Expected::Number { min, max } => {
                    if es {
                        ["un número de ", &num(*min), " a ", &num(*max)].concat()
                    } else {
                        ["a number from ", &num(*min), " to ", &num(*max)].concat()
                    }
                }
                Expected::Whole { min, max } => {
                    if es {
                        [
                            "un número entero de ",
                            &uint(u64::from(*min)),
                            " a ",
                            &uint(u64::from(*max)),
                        ]
                        .concat()
                    } else {
                        [
                            "a whole number from ",
                            &uint(u64::from(*min)),
                            " to ",
                            &uint(u64::from(*max)),
                        ]
                        .concat()
                    }
                }
                Expected::OnOff => quoted_list(&["true", "false"], or),
                Expected::Pattern => {
                    let names = quoted_list(PATTERN_NAMES, ", ");
                    if es {
                        [&names, " o cuatro números en segundos, como \"4-2-6-0\""].concat()
                    } else {
                        [&names, ", or four numbers of seconds like \"4-2-6-0\""].concat()
                    }
                }
                Expected::Key => {
                    if es {
                        "letras, números, \"-\" o \"_\" (hasta 40)".to_string()
                    } else {
                        "letters, digits, \"-\" or \"_\" (up to 40)".to_string()
                    }
                }
                Expected::Link => {
                    if es {
                        "un enlace completo que empiece por https:, http:, tel: o mailto:"
                            .to_string()
                    } else {
                        "a complete link starting with https:, http:, tel: or mailto:".to_string()
                    }
                }
                Expected::List { max_items, max_len } => {
                    let (n, len) = (uint(u64::from(*max_items)), uint(u64::from(*max_len)));
                    if es {
                        [
                            "de 1 a ",
                            &n,
                            " textos separados por \"|\", de hasta ",
                            &len,
                            " caracteres cada uno",
                        ]
                        .concat()
                    } else {
                        [
                            "1 to ",
                            &n,
                            " texts separated by \"|\", each up to ",
                            &len,
                            " characters",
                        ]
                        .concat()
                    }
                }
                Expected::Cues => {
                    if es {
                        "cuatro textos separados por \"|\" en el orden body, sensory, connection, meaning, o cada uno con su etiqueta, como \"body: estirarme junto a la ventana\"".to_string()
                    } else {
                        "four texts separated by \"|\" in the order body, sensory, connection, meaning, or each with its label, like \"body: stretch by the window\"".to_string()
                    }
                }
            };
            if es {
                [
                    "La opción \"",
                    option,
                    "\" no acepta \"",
                    given,
                    "\". Acepta ",
                    &takes,
                    ".",
                ]
                .concat()
            } else {
                [
                    "The option \"",
                    option,
                    "\" can't be \"",
                    given,
                    "\". It takes ",
                    &takes,
                    ".",
                ]
                .concat()
            }
        }
        OptionError::Conflict { first, second } => {
            if es {
                ["Usa \"", first, "\" o \"", second, "\", no las dos."].concat()
            } else {
                ["Use either \"", first, "\" or \"", second, "\", not both."].concat()
            }
        }
        OptionError::OnlyWith { option, needs } => {
            if es {
                ["La opción \"", option, "\" solo sirve con ", needs, "."].concat()
            } else {
                ["The option \"", option, "\" only works with ", needs, "."].concat()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::options::{Config, RawOptions};

    fn error_for(pairs: &[(&str, &str)], lang: Lang) -> String {
        match Config::parse("breathing", &RawOptions::new(pairs.iter().copied()), None) {
            Err(e) => describe_error(lang, &e),
            Ok(_) => panic!("{pairs:?} was accepted"),
        }
    }

    #[test]
    fn errors_name_the_option_and_its_values() {
        assert_eq!(
            error_for(&[("minutes", "abc")], Lang::En),
            "The option \"minutes\" can't be \"abc\". It takes a number from 0.5 to 120."
        );
        let p = error_for(&[("pattern", "4-7-9-x")], Lang::En);
        assert!(
            p.contains("\"pattern\"") && p.contains("\"4-7-8\"") && p.contains("\"sigh\""),
            "{p}"
        );
        let s = error_for(&[("sound", "loud")], Lang::Es);
        assert!(s.starts_with("La opción \"sound\""), "{s}");
        assert!(s.contains("\"off\", \"chime\" o \"voice\""), "{s}");
    }

    #[test]
    fn long_input_is_clipped_in_messages() {
        let long = "x".repeat(500);
        let m = error_for(&[("theme", &long)], Lang::En);
        assert!(m.len() < 200, "{m}");
    }

    #[test]
    fn labels_read_naturally() {
        assert_eq!(
            pattern_label(Lang::En, &BreathPattern::resonance(5.5)),
            "Slow, even breathing · 5.5 breaths a minute"
        );
        assert_eq!(
            pattern_label(Lang::En, &BreathPattern::box_breathing()),
            "Box breathing · 4-4-4-4"
        );
        assert_eq!(
            fill(text(Lang::Es, Msg::BreathOf), &[("n", "2"), ("total", "9")]),
            "Respiración 2 de 9"
        );
    }

    #[test]
    fn page_tags_map_to_languages() {
        assert_eq!(Lang::from_tag("es-419"), Some(Lang::Es));
        assert_eq!(Lang::from_tag("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_tag(""), None);
        assert_eq!(Lang::from_tag("de"), None);
    }
}

/// The catalog entries of the record-keeping widgets (issue 3).
#[cfg(test)]
mod issue3_tests {
    use super::*;
    use crate::core::options::{Config, RawOptions};

    #[test]
    fn list_and_cue_errors_say_what_the_options_take() {
        let raw = RawOptions::new([("suggestions", "a||b")]);
        let err = Config::parse("pleasure", &raw, None).expect_err("empty item");
        assert_eq!(
            describe_error(Lang::En, &err),
            "The option \"suggestions\" can't be \"a||b\". It takes 1 to 20 texts separated by \"|\", each up to 80 characters."
        );
        let raw = RawOptions::new([("cues", "a|b")]);
        let err = Config::parse("plan", &raw, None).expect_err("two parts");
        let es = describe_error(Lang::Es, &err);
        assert!(
            es.starts_with("La opción \"cues\"")
                && es.contains("body, sensory, connection, meaning"),
            "{es}"
        );
        let raw = RawOptions::new([("days", "40")]);
        let err = Config::parse("plan", &raw, None).expect_err("too long");
        assert!(describe_error(Lang::En, &err).ends_with("a whole number from 7 to 28."));
    }

    #[test]
    fn record_messages_fill_their_slots() {
        assert_eq!(
            fill(
                text(Lang::En, Msg::ImportDone),
                &[("added", "3"), ("skipped", "12")]
            ),
            "Imported: added 3, already there 12."
        );
        assert_eq!(
            fill(
                text(Lang::Es, Msg::PlanDayOf),
                &[("n", "2"), ("total", "14")]
            ),
            "Día 2 de 14"
        );
        assert_eq!(text(Lang::En, Msg::PlanNoteLabel), "Today I noticed…");
        for lang in [Lang::En, Lang::Es] {
            let header = text(lang, Msg::CsvHeader);
            assert_eq!(header.split(',').count(), 6, "{header}");
        }
    }
}

/// The catalog entries the scans' and the check-in's screens added (issue 4).
#[cfg(test)]
mod issue4_screen_tests {
    use super::*;

    #[test]
    fn screen_messages_exist_in_both_languages_and_fill_their_slots() {
        for msg in [
            Msg::GoToExercise,
            Msg::CloseInline,
            Msg::ScanLength,
            Msg::ScanStopped,
            Msg::NoticedSoFar,
            Msg::SummaryTitle,
        ] {
            let (en, es) = (text(Lang::En, msg), text(Lang::Es, msg));
            assert!(!en.is_empty() && !es.is_empty() && en != es, "{msg:?}");
        }
        assert_eq!(
            fill(text(Lang::En, Msg::ScanLength), &[("n", "10"), ("s", "20")]),
            "10 parts · 20 seconds each"
        );
        assert_eq!(
            fill(text(Lang::Es, Msg::ScanLength), &[("n", "4"), ("s", "3")]),
            "4 partes · 3 segundos cada una"
        );
        // The check-in splits these around their slot to put the link in the middle.
        for lang in [Lang::En, Lang::Es] {
            assert_eq!(
                text(lang, Msg::ContactSupport).matches("{support}").count(),
                1
            );
            assert_eq!(
                text(lang, Msg::ContactCrisis).matches("{crisis}").count(),
                1
            );
        }
        assert_eq!(
            fill(
                text(Lang::En, Msg::ContactCrisis),
                &[("crisis", "Call or text 988")]
            ),
            "A crisis line, right now: Call or text 988"
        );
        assert!(text(Lang::Es, Msg::ContactCrisis).starts_with("Una línea de crisis"));
    }
}
