package org.chaperone.registry;

import java.time.LocalDate;
import java.time.Period;

/** Age rules. A person born on 29 February turns a year older on 1 March in common years (UK law). */
public final class MenteeAge {
    private MenteeAge() {}

    /** Whole years of age on {@code date}. */
    public static int ageOn(LocalDate dateOfBirth, LocalDate date) {
        LocalDate birthday = dateOfBirth;
        if (dateOfBirth.getMonthValue() == 2 && dateOfBirth.getDayOfMonth() == 29) {
            // Period.between would count 28 February as the birthday in a common year.
            int years = date.getYear() - dateOfBirth.getYear();
            LocalDate thisYears = date.isLeapYear() ? LocalDate.of(date.getYear(), 2, 29) : LocalDate.of(date.getYear(), 3, 1);
            return date.isBefore(thisYears) ? years - 1 : years;
        }
        return Period.between(birthday, date).getYears();
    }

    /** Under 18 on {@code date}: their 18th birthday has not yet begun. Unknown birth dates count as under 18. */
    public static boolean isUnder18(LocalDate dateOfBirth, LocalDate date) {
        if (dateOfBirth == null) return true;
        return ageOn(dateOfBirth, date) < 18;
    }
}
