import { Type } from 'typebox';

export const ErrorResponse = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String({
      description: 'Stable, upper snake case; see the list in the description of this API.',
    }),
    error: Type.String(),
    message: Type.String(),
    details: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() })),
    ),
  },
  { $id: 'ErrorResponse' },
);

export const errorRef = Type.Ref('ErrorResponse');

/** Response schemas for the refusals a route can give. */
export function errors(...statuses: number[]): Record<number, typeof errorRef> {
  return Object.fromEntries(statuses.map((s) => [s, errorRef]));
}

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
