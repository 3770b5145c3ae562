import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable as SQLiteTableClass, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as sqliteTables from '../schema/sqlite';

/**
 * Every CareDesk table in an order where each comes after the tables it references, so rows can
 * be copied one table at a time with foreign keys checked as they go. From the schema itself, so
 * a new table is copied without anyone remembering to add it here.
 */
export interface TableInfo {
  /** The key in the schema modules (the same in both engines' twins). */
  key: string;
  name: string;
  /** Columns of the primary key, to read rows in a stable order. */
  orderBy: string[];
  /** A generated integer id whose sequence must follow the copied ids on the server. */
  identity: string | null;
}

export function copyOrder(): TableInfo[] {
  const entries = (Object.entries(sqliteTables) as [string, unknown][]).filter((e): e is [string, SQLiteTable] => is(e[1], SQLiteTableClass));
  const byName = new Map(entries.map(([key, t]) => [getTableConfig(t).name, { key, t }]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  const visit = (name: string, path: string[]) => {
    if (done.has(name)) return;
    if (path.includes(name)) throw new Error(`foreign keys form a cycle: ${[...path, name].join(' → ')}`);
    const entry = byName.get(name)!;
    const cfg = getTableConfig(entry.t);
    for (const fk of cfg.foreignKeys) {
      const target = getTableConfig(fk.reference().foreignTable as SQLiteTable).name;
      if (target !== name) visit(target, [...path, name]);
    }
    done.add(name);
    const pkColumns = cfg.columns.filter((c) => c.primary).map((c) => c.name);
    const composite = cfg.primaryKeys[0]?.columns.map((c) => c.name) ?? [];
    const id = cfg.columns.find((c) => c.primary && c.name === 'id' && (c as unknown as { config: { autoIncrement?: boolean } }).config.autoIncrement);
    out.push({ key: entry.key, name, orderBy: pkColumns.length > 0 ? pkColumns : composite, identity: id ? id.name : null });
  };
  for (const name of [...byName.keys()].sort()) visit(name, []);
  return out;
}
