/**
 * Why this file exists: TypeScript checks excess properties only in an object literal assigned
 * straight to a known type. openapi-fetch infers the request `init` generically, and a body built
 * in a variable or a helper is never checked, so a misspelt optional field (`startDatetime` for
 * `startDateTime`) compiles, and HubSpot drops the value without a word. `exact` checks a value
 * against a request schema at any depth: every field it has must be one the schema declares.
 */

type Primitive = string | number | bigint | boolean | symbol | null | undefined;

/** Every key of every member of a union (keyof a union gives only the common ones). */
type KeysOf<T> = T extends unknown ? keyof T : never;
/** The type of `K` in whichever members of the union `T` declare it. */
type FieldOf<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;

/**
 * `T` with every field that `Shape` does not declare turned into `never`, at any depth (objects,
 * arrays, optional and nullable fields, unions of object types, index signatures). A value of
 * type `T` is assignable to `T & Exact<Shape, T>` exactly when it has no such field.
 */
export type Exact<Shape, T> = T extends Primitive
  ? T
  : T extends readonly (infer Item)[]
    ? NonNullable<Shape> extends readonly (infer ShapeItem)[]
      ? T extends unknown[]
        ? Exact<ShapeItem, Item>[]
        : readonly Exact<ShapeItem, Item>[]
      : T
    : T extends (...args: never[]) => unknown
      ? T
      : {
          [K in keyof T]: K extends KeysOf<NonNullable<Shape>>
            ? Exact<FieldOf<NonNullable<Shape>, K>, T[K]>
            : never;
        };

/**
 * Checks at compile time that a value has no field its schema does not declare, and returns it
 * unchanged (at run time it is the identity). Name the schema first, then pass the value:
 *
 * ```ts
 * const event = exact<MarketingEventCreateRequestParams>()({ ...required, startDatetime: "..." });
 * //                                                          ^ error: 'startDatetime' ... 'never'
 * ```
 */
export function exact<Shape>(): <T extends Shape>(value: T & Exact<Shape, T>) => T {
  return (value) => value;
}
