import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Calendar, Flex, Grid, Segmented, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
// The calendar's weekday names and its week starting on Sunday, whatever language loaded first.
import 'dayjs/locale/ja';
import type { TFunction } from 'i18next';
import type { KeyboardEvent } from 'react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DeliveryCalendarDocument, DeliveryCalendarStepsDocument } from '../../../gql/graphql';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { PageHeader } from '../../../shared/ui/page-header';
import { CalendarKindTag, KIND_ICONS, KIND_TONES } from '../components/planning-tags';
import { dayLabel, deliveryEntries, entriesByDay, monthOf, monthWindow, movedDay, shiftMonth, stepEntries } from '../lib/calendar';
import type { CalendarEntry, CalendarKind } from '../lib/calendar';
import { jstToday } from '../lib/jst';
import { offsetText } from '../lib/step-plan';
import { useAllPages } from '../lib/use-all-pages';

type View = 'calendar' | 'agenda';
const KINDS: readonly CalendarKind[] = ['scheduled', 'recurring', 'step'];
/** Entries a day's cell lists; the rest are behind 「ほか n件」 (and in the day's panel). */
const CELL_ENTRIES = 3;

/**
 * What is going to be sent this month and after: scheduled and recurring deliveries (their
 * instants from the server) and the step plans that are on (what they would send, counted now).
 * A month grid to see the shape of it, with the keyboard too, and a list by day for screen
 * readers and phones.
 */
export function DeliveryCalendarPage() {
  const { t } = useTranslation();
  const [now] = useState(() => new Date(Math.floor(Date.now() / 60_000) * 60_000));
  const today = jstToday(now);
  const [selected, setSelected] = useState(today);
  const [chosenView, setChosenView] = useState<View | null>(null);
  const screens = Grid.useBreakpoint();
  // Phones start with the list; anyone may switch.
  const view: View = chosenView ?? (screens.md === false ? 'agenda' : 'calendar');
  const month = monthOf(selected);
  const span = monthWindow(month, now);
  const variables = { from: span?.from ?? '', to: span?.to ?? '' };
  const scheduled = useAllPages(DeliveryCalendarDocument, {
    variables: { ...variables, status: 'SCHEDULED' },
    connection: (data) => data.deliveries,
    skip: !span,
  });
  // A recurring delivery is sending while one of its runs is: its later instants are still to come.
  const sending = useAllPages(DeliveryCalendarDocument, {
    variables: { ...variables, status: 'SENDING' },
    connection: (data) => data.deliveries,
    skip: !span,
  });
  const plans = useAllPages(DeliveryCalendarStepsDocument, { variables, connection: (data) => data.deliveryStepPlans, skip: !span });
  const days = useMemo(() => {
    const all = new Map<string, CalendarEntry>();
    for (const entry of [...deliveryEntries([...scheduled.nodes, ...sending.nodes]), ...stepEntries(plans.nodes)])
      all.set(entry.key, entry);
    return entriesByDay([...all.values()]);
  }, [scheduled.nodes, sending.nodes, plans.nodes]);
  const loading = scheduled.loading || sending.loading || plans.loading;
  const error = scheduled.error ?? sending.error ?? plans.error;
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const monthTitle = t('deliveries.calendar.month', { year, month: monthNumber });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Links and buttons in the cells keep their keys.
    if ((event.target as HTMLElement).closest('a, button, input')) return;
    const next = movedDay(selected, event.key);
    if (!next) return;
    event.preventDefault();
    setSelected(next);
  };

  return (
    <>
      <PageHeader title={t('deliveries.calendar.title')} description={t('deliveries.calendar.description')} />
      <Flex justify="space-between" align="center" gap="middle" wrap style={{ marginBottom: 12 }}>
        <Flex align="center" gap="small" wrap>
          <Button
            icon={<LeftOutlined aria-hidden="true" />}
            aria-label={t('deliveries.calendar.prevMonth')}
            onClick={() => setSelected(`${shiftMonth(month, -1)}-01`)}
          />
          <Typography.Title level={2} id="calendar-month-title" style={{ fontSize: 20, margin: 0, minWidth: 130, textAlign: 'center' }}>
            {monthTitle}
          </Typography.Title>
          <Button
            icon={<RightOutlined aria-hidden="true" />}
            aria-label={t('deliveries.calendar.nextMonth')}
            onClick={() => setSelected(`${shiftMonth(month, 1)}-01`)}
          />
          <Button onClick={() => setSelected(today)} disabled={month === monthOf(today)}>
            {t('deliveries.calendar.thisMonth')}
          </Button>
          {loading ? (
            <span role="status">
              <Spin size="small" /> <Typography.Text type="secondary">{t('deliveries.calendar.loading')}</Typography.Text>
            </span>
          ) : null}
        </Flex>
        <Segmented<View>
          aria-label={t('deliveries.calendar.viewLabel')}
          value={view}
          onChange={setChosenView}
          options={[
            { value: 'calendar', label: t('deliveries.calendar.views.calendar') },
            { value: 'agenda', label: t('deliveries.calendar.views.agenda') },
          ]}
        />
      </Flex>
      <Flex gap="small" align="center" wrap role="group" aria-label={t('deliveries.calendar.legend')} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('deliveries.calendar.legend')}:</Typography.Text>
        {KINDS.map((kind) => (
          <CalendarKindTag key={kind} kind={kind} />
        ))}
      </Flex>
      {error ? <ErrorAlert className="form-alert" error={error} /> : null}
      {!span ? <Alert className="form-alert" type="info" showIcon title={t('deliveries.calendar.past')} /> : null}
      {view === 'calendar' ? (
        <>
          <div role="group" aria-labelledby="calendar-month-title" aria-describedby="calendar-keyboard-hint" onKeyDown={onKeyDown}>
            <Calendar
              value={dayjs(selected)}
              headerRender={() => null}
              onSelect={(date) => setSelected(date.format('YYYY-MM-DD'))}
              fullCellRender={(date, info) => {
                if (info.type !== 'date') return info.originNode;
                const day = date.format('YYYY-MM-DD');
                return (
                  <DayCell
                    day={day}
                    inMonth={monthOf(day) === month}
                    today={day === today}
                    selected={day === selected}
                    entries={monthOf(day) === month ? (days.get(day) ?? []) : []}
                    onMore={() => setSelected(day)}
                  />
                );
              }}
            />
          </div>
          <Typography.Paragraph id="calendar-keyboard-hint" type="secondary" style={{ fontSize: 13, marginTop: 8 }}>
            {t('deliveries.calendar.keyboardHint')}
          </Typography.Paragraph>
          <DayPanel day={selected} entries={days.get(selected) ?? []} />
        </>
      ) : (
        <Agenda monthTitle={monthTitle} days={days} />
      )}
    </>
  );
}

function entryText(entry: CalendarEntry, t: TFunction): string {
  return t('deliveries.calendar.entry', { time: entry.time, kind: t(`deliveries.calendar.kinds.${entry.kind}`), title: entry.title });
}

/**
 * A day of the grid: its number (the console's own colours, so days of the months around stay
 * readable), its first sends as links (time, kind by icon and colour, title), and how many more.
 */
function DayCell({
  day,
  inMonth,
  today,
  selected,
  entries,
  onMore,
}: {
  day: string;
  inMonth: boolean;
  today: boolean;
  selected: boolean;
  entries: CalendarEntry[];
  onMore: () => void;
}) {
  const { t } = useTranslation();
  const more = entries.length - CELL_ENTRIES;
  return (
    <Flex
      vertical
      gap={2}
      style={{
        margin: '0 3px',
        padding: '2px 6px 4px',
        minHeight: 112,
        textAlign: 'start',
        borderTop: `2px solid ${today || selected ? '#0b6b35' : '#f0f0f0'}`,
        background: selected ? '#e9f5ee' : undefined,
      }}
    >
      <span
        style={{
          alignSelf: 'flex-end',
          fontWeight: today ? 700 : 400,
          color: inMonth ? (today ? '#0b6b35' : '#262626') : 'rgba(0, 0, 0, 0.62)',
        }}
      >
        {Number(day.slice(8, 10))}
        {today ? <span className="visually-hidden">{t('deliveries.calendar.today')}</span> : null}
      </span>
      {entries.slice(0, CELL_ENTRIES).map((entry) => (
        <Link
          key={entry.key}
          to={entry.href}
          title={entryText(entry, t)}
          style={{
            display: 'block',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            whiteSpace: 'nowrap',
            fontSize: 13,
            lineHeight: '24px',
            padding: '0 4px',
            borderRadius: 4,
            borderInlineStart: `3px solid ${KIND_TONES[entry.kind].borderColor}`,
            background: KIND_TONES[entry.kind].background,
            color: KIND_TONES[entry.kind].color,
          }}
        >
          {KIND_ICONS[entry.kind]} {entry.time} <span className="visually-hidden">{t(`deliveries.calendar.kinds.${entry.kind}`)}：</span>
          {entry.title}
        </Link>
      ))}
      {more > 0 ? (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, height: 24, fontSize: 13, alignSelf: 'flex-start' }}
          aria-label={t('deliveries.calendar.moreOf', { date: dayLabel(day), n: more })}
          onClick={(event) => {
            event.stopPropagation();
            onMore();
          }}
        >
          {t('deliveries.calendar.more', { n: more })}
        </Button>
      ) : null}
    </Flex>
  );
}

/** The sends of one day, in time order. */
function EntryList({ entries }: { entries: CalendarEntry[] }) {
  const { t } = useTranslation();
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {entries.map((entry) => (
        <li key={entry.key} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
          <Flex gap="small" align="center" wrap>
            <time dateTime={entry.at} style={{ fontVariantNumeric: 'tabular-nums', minWidth: 44 }}>
              {entry.time}
            </time>
            <CalendarKindTag kind={entry.kind} />
            <Link to={entry.href}>{entry.title}</Link>
            {entry.step ? (
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('deliveries.calendar.stepDetail', {
                  step: t('deliveries.steps.stepName', {
                    n: entry.step.number,
                    offset: offsetText(entry.step.offsetDays, t),
                    time: entry.step.time,
                  }),
                  n: entry.step.recipients.toLocaleString('ja-JP'),
                })}
              </Typography.Text>
            ) : null}
          </Flex>
        </li>
      ))}
    </ul>
  );
}

/** The selected day's sends, announced when the selection moves. */
function DayPanel({ day, entries }: { day: string; entries: CalendarEntry[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="calendar-day-title" aria-live="polite" style={{ marginTop: 8, maxWidth: 900 }}>
      <Typography.Title level={2} id="calendar-day-title" style={{ fontSize: 18, marginBottom: 8 }}>
        {t('deliveries.calendar.dayTitle', { date: dayLabel(day) })}
        {entries.length > 0 ? (
          <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal', marginInlineStart: 8 }}>
            {t('deliveries.calendar.dayCount', { n: entries.length })}
          </Typography.Text>
        ) : null}
      </Typography.Title>
      {entries.length > 0 ? (
        <EntryList entries={entries} />
      ) : (
        <Typography.Paragraph>{t('deliveries.calendar.dayEmpty')}</Typography.Paragraph>
      )}
    </section>
  );
}

/** The month as a list of days with sends: what a screen reader or a phone reads instead of the grid. */
function Agenda({ monthTitle, days }: { monthTitle: string; days: Map<string, CalendarEntry[]> }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="calendar-agenda-title" style={{ maxWidth: 900 }}>
      <Typography.Title level={2} id="calendar-agenda-title" className="visually-hidden">
        {t('deliveries.calendar.agendaCaption', { month: monthTitle })}
      </Typography.Title>
      {days.size === 0 ? <Typography.Paragraph>{t('deliveries.calendar.agendaEmpty')}</Typography.Paragraph> : null}
      {[...days].map(([day, entries]) => (
        <section key={day} aria-labelledby={`agenda-${day}`} style={{ marginBottom: 16 }}>
          <Typography.Title level={3} id={`agenda-${day}`} style={{ fontSize: 16, marginBottom: 4 }}>
            {dayLabel(day)}
            <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal', marginInlineStart: 8 }}>
              {t('deliveries.calendar.dayCount', { n: entries.length })}
            </Typography.Text>
          </Typography.Title>
          <EntryList entries={entries} />
        </section>
      ))}
    </section>
  );
}
