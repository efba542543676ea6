/** Cities in the reader's script, from the server's table (one list for mails and pages). */
export { cityName } from '../../src/domain/city-names';
