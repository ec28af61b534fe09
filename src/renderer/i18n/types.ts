// The shape an English dictionary must have to mirror a Chinese one (checked by tsc).

// Same keys as Chinese, plus optional English-only singular forms ("key_one"): i18next picks them
// by `count`, and Chinese has no singular to mirror.
export type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> } & {
  [K in keyof T as T[K] extends string ? `${K & string}_one` : never]?: string;
};
