<#-- reminder.unpaid (de), plain text; also sets the subject; written by the unpaid-fee reminder job -->
<#import "/text.ftl" as t>
<#assign subject>Zahlungserinnerung: ${(course.name)!""}</#assign>
<@t.hello/>

für Ihren Platz im Kurs <@t.coursePhrase c=course!{}/> ist die Kursgebühr noch nicht vollständig bezahlt.

<@t.feeLine/>
<#if (amountPaidCents!0) gt 0 && paid??>Bereits bezahlt: ${paid}</#if>
<#if open??>Noch offen: ${open}</#if>

Bitte begleichen Sie den offenen Betrag. Haben Sie in den letzten Tagen bezahlt, ist Ihre Zahlung vielleicht noch nicht verbucht; dann ist diese Erinnerung gegenstandslos.

<@t.statusLink/>

<@t.signoffLink/>

<@t.footer/>
