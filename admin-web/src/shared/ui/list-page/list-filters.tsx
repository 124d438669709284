import { Checkbox, Form, Input, Select } from 'antd';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The row of filters above a list: a search landmark, labels beside their fields. */
export function FilterBar({ name, children }: { name: string; children: ReactNode }) {
  return (
    <Form layout="inline" name={name} className="filter-bar" role="search" colon={false}>
      {children}
    </Form>
  );
}

export interface SearchFilterProps {
  id: string;
  label: string;
  placeholder?: string;
  /** The applied search; undefined: none. */
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  width?: number;
  maxLength?: number;
}

/** A search box applied on Enter or the button; emptying it removes the search at once. */
export function SearchFilter({ id, label, placeholder, value, onChange, width, maxLength }: SearchFilterProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? '');
  return (
    <Form.Item label={label} htmlFor={id}>
      <Input.Search
        id={id}
        value={text}
        placeholder={placeholder}
        allowClear
        enterButton={t('common.search')}
        maxLength={maxLength}
        onChange={(event) => {
          setText(event.target.value);
          if (event.target.value === '') onChange(undefined);
        }}
        onSearch={(next) => {
          const trimmed = next.trim();
          onChange(trimmed === '' ? undefined : trimmed);
        }}
        style={width === undefined ? undefined : { width }}
      />
    </Form.Item>
  );
}

export interface SelectFilterProps<V extends string> {
  id: string;
  label: string;
  /** What no choice means ("すべての部署"). */
  placeholder: string;
  options: ReadonlyArray<{ value: V; label: string }>;
  value: V | null | undefined;
  onChange: (value: V | undefined) => void;
  /** Typing filters the options by label (long lists). */
  searchable?: boolean;
  minWidth?: number;
}

export function SelectFilter<V extends string>({
  id,
  label,
  placeholder,
  options,
  value,
  onChange,
  searchable,
  minWidth,
}: SelectFilterProps<V>) {
  return (
    <Form.Item label={label} htmlFor={id}>
      <Select<V>
        id={id}
        allowClear
        placeholder={placeholder}
        options={[...options]}
        value={value ?? undefined}
        onChange={(next: V | undefined) => {
          onChange(next);
        }}
        showSearch={searchable ? { optionFilterProp: 'label' } : undefined}
        style={minWidth === undefined ? undefined : { minWidth }}
      />
    </Form.Item>
  );
}

export function CheckboxFilter({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <Form.Item>
      <Checkbox
        checked={checked}
        onChange={(event) => {
          onChange(event.target.checked);
        }}
      >
        {label}
      </Checkbox>
    </Form.Item>
  );
}

/** A list's filter: the applied values, and a setter per field. */
export function useListFilter<F extends object>(initial: F): [F, <K extends keyof F>(key: K, value: F[K]) => void, (next: F) => void] {
  const [filter, setFilter] = useState<F>(initial);
  const setField = <K extends keyof F>(key: K, value: F[K]) => {
    setFilter((current) => ({ ...current, [key]: value }));
  };
  return [filter, setField, setFilter];
}
