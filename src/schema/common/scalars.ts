/** Scalars come from graphql-scalars: bytes are SafeInt (exact up to 2^53), times are UTC DateTime. */
export { DateTimeResolver as DateTime, SafeIntResolver as SafeInt, JSONObjectResolver as JSONObject } from 'graphql-scalars';
