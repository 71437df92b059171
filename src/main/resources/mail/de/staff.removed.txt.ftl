<#-- staff.removed (de), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Abmeldung durch das Kursteam: ${(course.name)!""}</#assign>
<@t.hello/>

das Kursteam hat Ihre Anmeldung für den Kurs <@t.coursePhrase c=course!{}/> aufgehoben; Sie sind für diesen Kurs nicht mehr angemeldet.

Halten Sie das für einen Irrtum, wenden Sie sich bitte an die Stelle, die den Kurs anbietet.

<@t.statusLink/>

<@t.footer/>
