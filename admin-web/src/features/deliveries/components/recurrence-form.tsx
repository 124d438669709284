import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Weekday } from '../lib/jst';
import { FREQUENCIES, HOLIDAY_POLICIES, NTH_VALUES, WEEKDAYS, withFrequency } from '../lib/recurrence';
import type { DayMode, EndMode, Frequency, HolidayPolicy, Nth, RecurrenceDraft } from '../lib/recurrence';
import { Field, FieldErrors, describedBy } from './field';

const ID = 'delivery-recurrence';
const MONTH_DAYS = [...Array.from({ length: 31 }, (_, i) => i + 1), -1];

/**
 * The recurrence rule as a form (毎週・毎月・毎年・指定日, with the days, time, start, end and
 * holiday policy). `problems` are the server's, by the rule's field, shown beside each.
 */
export function RecurrenceForm({
  value,
  onChange,
  problems,
  disabled,
}: {
  value: RecurrenceDraft;
  onChange: (next: RecurrenceDraft) => void;
  problems: Record<string, readonly string[]>;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<RecurrenceDraft>) => onChange({ ...value, ...patch });
  const at = (field: string) => problems[field] ?? [];
  const weekdayOptions = WEEKDAYS.map((day) => ({ value: day, label: t(`deliveries.recurrence.weekdays.${day}`) }));
  const pattern = value.freq !== 'dates';
  return (
    <div>
      <FieldErrors errors={at('')} />
      <fieldset className="plain-fieldset" style={{ marginBottom: 12 }}>
        <legend>{t('deliveries.recurrence.freq')}</legend>
        <Radio.Group
          value={value.freq}
          disabled={disabled}
          optionType="button"
          buttonStyle="solid"
          options={FREQUENCIES.map((freq) => ({ value: freq, label: t(`deliveries.recurrence.freqs.${freq}`) }))}
          onChange={(e) => onChange(withFrequency(value, e.target.value as Frequency))}
        />
        <FieldErrors errors={at('freq')} />
      </fieldset>

      {pattern ? (
        <Field id={`${ID}-interval`} label={t('deliveries.recurrence.interval')} errors={at('interval')}>
          <Flex gap="small" align="center">
            <InputNumber
              {...describedBy(`${ID}-interval`, at('interval'))}
              min={1}
              max={value.freq === 'weekly' ? 52 : value.freq === 'monthly' ? 12 : 10}
              value={value.interval}
              disabled={disabled}
              style={{ width: 90 }}
              onChange={(n) => set({ interval: typeof n === 'number' ? n : null })}
            />
            <span>{t(`deliveries.recurrence.intervalUnit.${value.freq}`)}</span>
          </Flex>
        </Field>
      ) : null}

      {value.freq === 'weekly' ? (
        <fieldset className="plain-fieldset" style={{ marginBottom: 12 }}>
          <legend>{t('deliveries.recurrence.byWeekday')}</legend>
          <Checkbox.Group<Weekday>
            value={value.byWeekday}
            disabled={disabled}
            options={weekdayOptions}
            onChange={(days) => set({ byWeekday: days })}
          />
          <FieldErrors errors={at('byWeekday')} />
        </fieldset>
      ) : null}

      {value.freq === 'monthly' || value.freq === 'yearly' ? (
        <>
          {value.freq === 'yearly' ? (
            <fieldset className="plain-fieldset" style={{ marginBottom: 12 }}>
              <legend>{t('deliveries.recurrence.byMonth')}</legend>
              <MonthChoice value={value.byMonth} disabled={disabled} onChange={(byMonth) => set({ byMonth })} />
              <FieldErrors errors={at('byMonth')} />
            </fieldset>
          ) : null}
          <fieldset className="plain-fieldset" style={{ marginBottom: 12 }}>
            <legend>{t('deliveries.recurrence.dayMode')}</legend>
            <Radio.Group
              value={value.dayMode}
              disabled={disabled}
              options={(['monthDay', 'nthWeekday'] as const).map((mode) => ({
                value: mode,
                label: t(`deliveries.recurrence.dayModes.${mode}`),
              }))}
              onChange={(e) => set({ dayMode: e.target.value as DayMode })}
            />
          </fieldset>
          {value.dayMode === 'monthDay' ? (
            <Field
              id={`${ID}-month-days`}
              label={t('deliveries.recurrence.byMonthDay')}
              hint={t('deliveries.recurrence.byMonthDayHint')}
              errors={at('byMonthDay')}
            >
              <Select<number[]>
                {...describedBy(`${ID}-month-days`, at('byMonthDay'), true)}
                mode="multiple"
                value={value.byMonthDay}
                disabled={disabled}
                style={{ maxWidth: 420 }}
                options={MONTH_DAYS.map((day) => ({
                  value: day,
                  label: day === -1 ? t('deliveries.recurrence.lastDay') : t('deliveries.recurrence.day', { n: day }),
                }))}
                onChange={(days) => set({ byMonthDay: days })}
              />
            </Field>
          ) : (
            <fieldset className="plain-fieldset" style={{ marginBottom: 12 }}>
              <legend>{t('deliveries.recurrence.byNthWeekday')}</legend>
              {value.byNthWeekday.map((entry, index) => {
                const rowErrors = problems[`byNthWeekday.${index}`] ?? [];
                const label = t('deliveries.recurrence.nthRow', { n: index + 1 });
                return (
                  <div key={index} role="group" aria-label={label} style={{ marginBottom: 8 }}>
                    <Flex gap="small" align="center" wrap>
                      <Select<Nth>
                        aria-label={t('deliveries.recurrence.nthOf', { n: index + 1 })}
                        value={entry.n}
                        disabled={disabled}
                        style={{ width: 110 }}
                        options={NTH_VALUES.map((n) => ({
                          value: n,
                          label: t(`deliveries.recurrence.nth.${n === -1 ? 'last' : String(n)}` as 'deliveries.recurrence.nth.1'),
                        }))}
                        onChange={(n) => set({ byNthWeekday: value.byNthWeekday.map((x, i) => (i === index ? { ...x, n } : x)) })}
                      />
                      <Select<Weekday>
                        aria-label={t('deliveries.recurrence.weekdayOf', { n: index + 1 })}
                        value={entry.weekday}
                        disabled={disabled}
                        style={{ width: 110 }}
                        options={WEEKDAYS.map((day) => ({
                          value: day,
                          label: t('deliveries.recurrence.weekdayLong', { day: t(`deliveries.recurrence.weekdays.${day}`) }),
                        }))}
                        onChange={(weekday) =>
                          set({ byNthWeekday: value.byNthWeekday.map((x, i) => (i === index ? { ...x, weekday } : x)) })
                        }
                      />
                      {disabled ? null : (
                        <Button
                          icon={<DeleteOutlined aria-hidden="true" />}
                          aria-label={t('deliveries.recurrence.removeNth', { n: index + 1 })}
                          disabled={value.byNthWeekday.length <= 1}
                          onClick={() => set({ byNthWeekday: value.byNthWeekday.filter((_, i) => i !== index) })}
                        />
                      )}
                    </Flex>
                    <FieldErrors errors={rowErrors} />
                  </div>
                );
              })}
              {disabled ? null : (
                <Button
                  size="small"
                  icon={<PlusOutlined aria-hidden="true" />}
                  onClick={() => set({ byNthWeekday: [...value.byNthWeekday, { n: 1, weekday: 'MO' }] })}
                >
                  {t('deliveries.recurrence.addNth')}
                </Button>
              )}
              <FieldErrors errors={at('byNthWeekday')} />
            </fieldset>
          )}
          {value.freq === 'monthly' ? (
            <fieldset className="plain-fieldset" style={{ marginBottom: 12 }}>
              <legend>{t('deliveries.recurrence.limitMonths')}</legend>
              <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 4 }}>
                {t('deliveries.recurrence.limitMonthsHint')}
              </Typography.Paragraph>
              <MonthChoice value={value.byMonth} disabled={disabled} onChange={(byMonth) => set({ byMonth })} />
              <FieldErrors errors={at('byMonth')} />
            </fieldset>
          ) : null}
        </>
      ) : null}

      {value.freq === 'dates' ? (
        <fieldset className="plain-fieldset" style={{ marginBottom: 12 }}>
          <legend>{t('deliveries.recurrence.dates')}</legend>
          {value.dates.map((date, index) => {
            const id = `${ID}-date-${index}`;
            const rowErrors = problems[`dates.${index}`] ?? [];
            return (
              <div key={index} style={{ marginBottom: 8 }}>
                <Flex gap="small" align="center">
                  <Input
                    {...describedBy(id, rowErrors)}
                    type="date"
                    aria-label={t('deliveries.recurrence.dateOf', { n: index + 1 })}
                    value={date}
                    disabled={disabled}
                    style={{ width: 180 }}
                    onChange={(e) => set({ dates: value.dates.map((d, i) => (i === index ? e.target.value : d)) })}
                  />
                  {disabled ? null : (
                    <Button
                      icon={<DeleteOutlined aria-hidden="true" />}
                      aria-label={t('deliveries.recurrence.removeDate', { n: index + 1 })}
                      disabled={value.dates.length <= 1}
                      onClick={() => set({ dates: value.dates.filter((_, i) => i !== index) })}
                    />
                  )}
                </Flex>
                <FieldErrors id={`${id}-errors`} errors={rowErrors} />
              </div>
            );
          })}
          {disabled ? null : (
            <Button size="small" icon={<PlusOutlined aria-hidden="true" />} onClick={() => set({ dates: [...value.dates, ''] })}>
              {t('deliveries.recurrence.addDate')}
            </Button>
          )}
          <FieldErrors errors={at('dates')} />
        </fieldset>
      ) : null}

      <Flex gap="large" wrap>
        <Field id={`${ID}-time`} label={t('deliveries.recurrence.time')} hint={t('deliveries.recurrence.timeHint')} errors={at('time')}>
          <Input
            {...describedBy(`${ID}-time`, at('time'), true)}
            type="time"
            value={value.time}
            disabled={disabled}
            style={{ width: 140 }}
            onChange={(e) => set({ time: e.target.value })}
          />
        </Field>
        {pattern ? (
          <Field id={`${ID}-start`} label={t('deliveries.recurrence.start')} errors={at('start')}>
            <Input
              {...describedBy(`${ID}-start`, at('start'))}
              type="date"
              value={value.start}
              disabled={disabled}
              style={{ width: 180 }}
              onChange={(e) => set({ start: e.target.value })}
            />
          </Field>
        ) : null}
      </Flex>

      {pattern ? (
        <fieldset className="plain-fieldset" style={{ marginBottom: 12 }}>
          <legend>{t('deliveries.recurrence.end')}</legend>
          <Radio.Group
            value={value.end}
            disabled={disabled}
            options={(['never', 'until', 'count'] as const).map((end) => ({ value: end, label: t(`deliveries.recurrence.ends.${end}`) }))}
            onChange={(e) => set({ end: e.target.value as EndMode })}
          />
          {value.end === 'until' ? (
            <Field id={`${ID}-until`} label={t('deliveries.recurrence.until')} errors={at('until')}>
              <Input
                {...describedBy(`${ID}-until`, at('until'))}
                type="date"
                value={value.until}
                disabled={disabled}
                style={{ width: 180 }}
                onChange={(e) => set({ until: e.target.value })}
              />
            </Field>
          ) : null}
          {value.end === 'count' ? (
            <Field id={`${ID}-count`} label={t('deliveries.recurrence.count')} errors={at('count')}>
              <Flex gap="small" align="center">
                <InputNumber
                  {...describedBy(`${ID}-count`, at('count'))}
                  min={1}
                  max={1000}
                  value={value.count}
                  disabled={disabled}
                  style={{ width: 110 }}
                  onChange={(n) => set({ count: typeof n === 'number' ? n : null })}
                />
                <span>{t('deliveries.recurrence.countUnit')}</span>
              </Flex>
            </Field>
          ) : null}
          {value.end === 'never' ? <FieldErrors errors={[...at('until'), ...at('count')]} /> : null}
        </fieldset>
      ) : null}

      <fieldset className="plain-fieldset" style={{ marginBottom: 12 }}>
        <legend>{t('deliveries.recurrence.holidays')}</legend>
        <Radio.Group
          value={value.holidays}
          disabled={disabled}
          style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
          options={HOLIDAY_POLICIES.map((policy) => ({ value: policy, label: t(`deliveries.recurrence.holidayPolicies.${policy}`) }))}
          onChange={(e) => set({ holidays: e.target.value as HolidayPolicy })}
        />
        <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: '4px 0 0' }}>
          {t('deliveries.recurrence.holidaysHint')}
        </Typography.Paragraph>
        <FieldErrors errors={at('holidays')} />
      </fieldset>
    </div>
  );
}

function MonthChoice({ value, disabled, onChange }: { value: number[]; disabled: boolean; onChange: (months: number[]) => void }) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group<number>
      value={value}
      disabled={disabled}
      options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t('deliveries.recurrence.month', { n: i + 1 }) }))}
      onChange={(months) => onChange([...months].sort((a, b) => a - b))}
    />
  );
}
