/**
 * The print kit: every printed document in CareDesk is written on it (docs/printing.md).
 * Importing it brings its stylesheet: the bundled font, the paper sizes and the margin boxes.
 */
import './print.css';

export { PrintDocument, type NoticeKind, type PrepareResult, type PrintDocumentProps } from './PrintDocument';
export { PrintTable, type PrintColumn, type PrintTableProps } from './PrintTable';
export { usePrinter, type PrintRequest } from './usePrinter';
export { columnGroups, pageBox, type Orientation, type PageBox, type PaperSize } from './paper';
export { displayDate, displayDateTime } from './dates';
export { Nowrap } from './Nowrap';
export { VALUE_SLOT } from './text';
