// The values FEEL expressions read and answer, as the evaluator and its memo hold them.
export type FeelValue = string | number | boolean | null | FeelValue[] | { [key: string]: FeelValue };
export type FeelContext = Readonly<Record<string, FeelValue | undefined>>;
