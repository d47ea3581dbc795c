/** Toolbar glyphs as SVG so that no visible text needs translating; each button carries an aria-label. */
const common = {
  width: 20,
  height: 20,
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
  'aria-hidden': true,
  focusable: false,
} as const;

export const BoldIcon = () => (
  <svg {...common} strokeWidth={2.6}>
    <path d="M7 5h6a3.5 3.5 0 0 1 0 7H7zM7 12h7a3.5 3.5 0 0 1 0 7H7z" />
  </svg>
);

export const ItalicIcon = () => (
  <svg {...common}>
    <path d="M19 5h-8M13 19H5M15 5 9 19" />
  </svg>
);

export const BulletListIcon = () => (
  <svg {...common}>
    <path d="M9 6h11M9 12h11M9 18h11" />
    <circle cx="4.5" cy="6" r="1" fill="currentColor" />
    <circle cx="4.5" cy="12" r="1" fill="currentColor" />
    <circle cx="4.5" cy="18" r="1" fill="currentColor" />
  </svg>
);

export const OrderedListIcon = () => (
  <svg {...common}>
    <path d="M10 6h10M10 12h10M10 18h10M4 5l1.5-1v5M3.5 14.5a1.5 1.5 0 0 1 3 0c0 1.2-3 2.2-3 3.5h3" strokeWidth={1.6} />
  </svg>
);

export const UndoIcon = () => (
  <svg {...common}>
    <path d="M9 14 4 9l5-5" />
    <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
  </svg>
);

export const RedoIcon = () => (
  <svg {...common}>
    <path d="m15 14 5-5-5-5" />
    <path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
  </svg>
);

export const AlignLeftIcon = () => (
  <svg {...common}>
    <path d="M4 6h16M4 10h10M4 14h16M4 18h10" />
  </svg>
);

export const AlignCenterIcon = () => (
  <svg {...common}>
    <path d="M4 6h16M7 10h10M4 14h16M7 18h10" />
  </svg>
);

export const AlignRightIcon = () => (
  <svg {...common}>
    <path d="M4 6h16M10 10h10M4 14h16M10 18h10" />
  </svg>
);

export const AlignJustifyIcon = () => (
  <svg {...common}>
    <path d="M4 6h16M4 10h16M4 14h16M4 18h16" />
  </svg>
);

/** A ballot box with a tick: the vote result inserted into the text. */
export const VoteResultIcon = () => (
  <svg {...common}>
    <path d="M4 13v6h16v-6M8 13h8" />
    <path d="m9 7 2 2 4-4" />
  </svg>
);

export const UnderlineIcon = () => (
  <svg {...common}>
    <path d="M7 4v7a5 5 0 0 0 10 0V4M5 20h14" />
  </svg>
);

/** A 3 × 3 grid: insert a table. */
export const TableIcon = () => (
  <svg {...common}>
    <rect x="3.5" y="4.5" width="17" height="15" rx="1" />
    <path d="M3.5 9.5h17M3.5 14.5h17M9.2 4.5v15M14.8 4.5v15" strokeWidth={1.5} />
  </svg>
);

/** Two rows and a plus under them. */
export const RowAddIcon = () => (
  <svg {...common}>
    <rect x="3.5" y="3.5" width="17" height="10" rx="1" />
    <path d="M3.5 8.5h17M12 16v5M9.5 18.5h5" strokeWidth={1.6} />
  </svg>
);

export const RowDeleteIcon = () => (
  <svg {...common}>
    <rect x="3.5" y="3.5" width="17" height="10" rx="1" />
    <path d="M3.5 8.5h17M9.5 16.5l5 4M14.5 16.5l-5 4" strokeWidth={1.6} />
  </svg>
);

/** Two columns and a plus to their right. */
export const ColumnAddIcon = () => (
  <svg {...common}>
    <rect x="3.5" y="3.5" width="10" height="17" rx="1" />
    <path d="M8.5 3.5v17M16 12h5M18.5 9.5v5" strokeWidth={1.6} />
  </svg>
);

export const ColumnDeleteIcon = () => (
  <svg {...common}>
    <rect x="3.5" y="3.5" width="10" height="17" rx="1" />
    <path d="M8.5 3.5v17M16.5 9.5l4 5M20.5 9.5l-4 5" strokeWidth={1.6} />
  </svg>
);

/** A table whose first row is filled: the header row. */
export const HeaderRowIcon = () => (
  <svg {...common}>
    <rect x="3.5" y="4.5" width="17" height="15" rx="1" />
    <path d="M3.5 9.5h17" />
    <path d="M4 5h16v4H4z" fill="currentColor" stroke="none" />
    <path d="M3.5 14.5h17M12 9.5v10" strokeWidth={1.5} />
  </svg>
);

/** A table crossed out. */
export const TableDeleteIcon = () => (
  <svg {...common}>
    <rect x="3.5" y="4.5" width="17" height="15" rx="1" strokeWidth={1.5} />
    <path d="M3.5 9.5h17M12 4.5v15" strokeWidth={1.5} />
    <path d="m7 8 10 9M17 8 7 17" strokeWidth={2.2} />
  </svg>
);
